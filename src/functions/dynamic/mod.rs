//! Dynamic values: parsing JSON, building arrays and bags, slicing, searching, sorting and set
//! operations on arrays, bag keys, and `gettype`.

mod array_concat;
mod array_index_of;
mod array_length;
mod array_slice;
mod array_sort_asc;
mod array_sort_desc;
mod bag_keys;
mod bag_pack;
mod extract_json;
mod gettype;
mod pack_array;
mod parse_json;
mod set_difference;
mod set_has_element;
mod set_intersect;
mod set_union;

mod array_reverse;
mod support;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    parse_json::SPEC,
    array_length::SPEC,
    array_concat::SPEC,
    array_index_of::SPEC,
    array_slice::SPEC,
    array_sort_asc::SPEC,
    array_sort_desc::SPEC,
    bag_keys::SPEC,
    bag_pack::SPEC,
    gettype::SPEC,
    pack_array::SPEC,
    set_difference::SPEC,
    set_has_element::SPEC,
    set_intersect::SPEC,
    set_union::SPEC,
    array_reverse::SPEC,
    extract_json::SPEC,
];
