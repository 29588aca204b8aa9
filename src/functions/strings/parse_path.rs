//! `parse_path()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn parse_path_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::parse_path(),
        &[ArgAs::Text],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "parse_path",
    &[],
    &[param("path", "string")],
    Returns::Type(ScalarType::Dynamic),
    "The parts of a file path as a bag: `Scheme`, `RootPath`, `DirectoryPath`, `DirectoryName`, `Filename`, `Extension`, `AlternateDataStreamName`.",
    &[
        Example {
            query: "print parse_path(@\"C:\\temp\\file.txt\")",
            output: "{\"Scheme\":\"\",\"RootPath\":\"C:\",\"DirectoryPath\":\"C:\\\\temp\",\"DirectoryName\":\"temp\",\"Filename\":\"file.txt\",\"Extension\":\"txt\",\"AlternateDataStreamName\":\"\"}",
        },
        Example {
            query: "print parse_path(\"/usr/lib/temp/file.txt\").DirectoryName",
            output: "temp",
        },
    ],
    parse_path_fn,
);
