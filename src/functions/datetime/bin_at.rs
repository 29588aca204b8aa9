//! `bin_at()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error,
    call_udf, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn bin_at(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let (ty, kinds) = match value.ty {
        ScalarType::DateTime => (
            ScalarType::DateTime,
            [ArgAs::DateTime, ArgAs::TimeSpan, ArgAs::DateTime],
        ),
        ScalarType::TimeSpan => (ScalarType::TimeSpan, [ArgAs::TimeSpan; 3]),
        ScalarType::Int | ScalarType::Long => (ScalarType::Long, [ArgAs::Long; 3]),
        ScalarType::Real | ScalarType::Decimal | ScalarType::Dynamic => {
            (ScalarType::Real, [ArgAs::Real; 3])
        }
        _ => {
            return Err(arg_type_error(
                call,
                0,
                "a number, datetime or timespan",
                &value,
            ));
        }
    };
    let mut ty = ty;
    let mut kinds = kinds;
    if ty == ScalarType::Long {
        let size = arg(lw, call, 1)?;
        if !matches!(size.ty, ScalarType::Int | ScalarType::Long) {
            ty = ScalarType::Real;
            kinds = [ArgAs::Real; 3];
        }
    }
    call_udf(lw, call, udf::bin_at(), &kinds, ty)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "bin_at",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("value", "number, datetime or timespan"),
        param("bin_size", "number or timespan"),
        param("fixed_point", "same as value"),
    ],
    variadic: false,
    returns: Returns::Rule("the type of `value` (long for int and long, real otherwise)"),
    naming: Naming::FirstArgument,
    summary: "The value rounded down to a bin of `bin_size` aligned on `fixed_point` (`fixed_point + k * bin_size`).",
    examples: &[
        Example {
            query: "print bin_at(6.5, 2.5, 7)",
            output: "4.5",
        },
        Example {
            query: "print bin_at(datetime(2017-05-15 10:20:00), 1d, datetime(1970-01-01 12:00:00))",
            output: "2017-05-14T12:00:00Z",
        },
        Example {
            query: "print bin_at(datetime(2017-05-17 10:20:00), 7d, datetime(2017-06-04 00:00:00))",
            output: "2017-05-14T00:00:00Z",
        },
    ],
    lower: bin_at,
};
