//! Functions about the row's columns and tables' schemas, resolved at plan time:
//! `column_ifexists`, `column_names_of`, `pack_all`.

mod column_ifexists;
mod column_names_of;
mod pack_all;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] =
    &[column_ifexists::SPEC, column_names_of::SPEC, pack_all::SPEC];
