//! `startofday()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error, optional,
    param,
};
use crate::plan::{ExprLowerer, Typed, literal};
use crate::syntax::ScalarType;
use crate::value::MICROS_PER_DAY;

use super::support::*;

fn startofday(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 1 {
        return period(lw, call, "day", false);
    }
    let value = arg(lw, call, 0)?;
    if value.ty != ScalarType::DateTime {
        return Err(arg_type_error(call, 0, "a datetime", &value));
    }
    let day = Typed::new(
        lit(literal::timespan_value(MICROS_PER_DAY)),
        ScalarType::TimeSpan,
    );
    bin_of(value, day, call)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "startofday",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("date", "datetime"), optional("offset", "long")],
    variadic: false,
    returns: Returns::Type(ScalarType::DateTime),
    naming: Naming::Column,
    summary: "The start of the datetime's day (UTC), shifted by `offset` days.",
    examples: &[
        Example {
            query: "print startofday(datetime(2026-11-20 23:59:59))",
            output: "2026-11-20T00:00:00Z",
        },
        Example {
            query: "print startofday(datetime(2017-01-01 10:10:17), -1)",
            output: "2016-12-31T00:00:00Z",
        },
    ],
    lower: startofday,
};
