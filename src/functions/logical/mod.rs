//! Nulls and conditions: `isnull`, `isempty`, `iff`, `case`, `coalesce`, `not`, `min_of`,
//! `max_of`, `assert`.

mod support;

mod assert;
mod case;
mod coalesce;
mod iff;
mod isempty;
mod isnotempty;
mod isnotnull;
mod isnull;
mod max_of;
mod min_of;
mod not;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    isnull::SPEC,
    isnotnull::SPEC,
    isempty::SPEC,
    isnotempty::SPEC,
    iff::SPEC,
    case::SPEC,
    coalesce::SPEC,
    not::SPEC,
    max_of::SPEC,
    min_of::SPEC,
    assert::SPEC,
];
