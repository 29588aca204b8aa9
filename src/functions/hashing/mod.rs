//! Hashes (`hash`, `hash_sha1`, `hash_crc32`) and encodings: Unicode code points, punycode, base64 of GUIDs and byte arrays, gzip and zlib as base64.

mod support;

mod base64_decode_toarray;
mod base64_decode_toguid;
mod base64_encode_fromarray;
mod base64_encode_fromguid;
mod gzip_compress_to_base64_string;
mod gzip_decompress_from_base64_string;
mod hash;
mod hash_combine;
mod hash_crc32;
mod hash_many;
mod hash_sha1;
mod hash_xxhash64;
mod punycode_domain_from_string;
mod punycode_domain_to_string;
mod punycode_from_string;
mod punycode_to_string;
mod unicode_codepoints_from_string;
mod unicode_codepoints_to_string;
mod zlib_compress_to_base64_string;
mod zlib_decompress_from_base64_string;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    hash::SPEC,
    hash_xxhash64::SPEC,
    hash_sha1::SPEC,
    hash_crc32::SPEC,
    unicode_codepoints_from_string::SPEC,
    unicode_codepoints_to_string::SPEC,
    punycode_from_string::SPEC,
    punycode_to_string::SPEC,
    punycode_domain_from_string::SPEC,
    punycode_domain_to_string::SPEC,
    base64_encode_fromguid::SPEC,
    base64_decode_toguid::SPEC,
    base64_decode_toarray::SPEC,
    base64_encode_fromarray::SPEC,
    gzip_compress_to_base64_string::SPEC,
    gzip_decompress_from_base64_string::SPEC,
    zlib_compress_to_base64_string::SPEC,
    zlib_decompress_from_base64_string::SPEC,
    hash_combine::SPEC,
    hash_many::SPEC,
];
