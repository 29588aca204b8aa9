//! More array and property-bag functions: shifting, rotating, splitting and reversing arrays, `array_sum`, `array_iff`, `repeat`, `range`, `zip`, `jaccard_index`, and `bag_zip`, `bag_has_key`, `bag_set_key`, `bag_remove_keys`, `bag_merge`.

mod support;

mod array_iff;
mod array_rotate_left;
mod array_rotate_right;
mod array_shift_left;
mod array_shift_right;
mod array_split;
mod array_sum;
mod bag_has_key;
mod bag_merge;
mod bag_remove_keys;
mod bag_set_key;
mod bag_zip;
mod jaccard_index;
mod range;
mod repeat;
mod treepath;
mod zip;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    array_shift_left::SPEC,
    array_shift_right::SPEC,
    array_rotate_left::SPEC,
    array_rotate_right::SPEC,
    array_split::SPEC,
    array_sum::SPEC,
    array_iff::SPEC,
    repeat::SPEC,
    range::SPEC,
    zip::SPEC,
    jaccard_index::SPEC,
    bag_zip::SPEC,
    bag_has_key::SPEC,
    bag_set_key::SPEC,
    bag_remove_keys::SPEC,
    bag_merge::SPEC,
    treepath::SPEC,
];
