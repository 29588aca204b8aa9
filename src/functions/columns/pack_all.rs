//! `pack_all()`.

use datafusion::logical_expr::{Expr, lit, when};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, optional};
use crate::plan::{ExprLowerer, Typed, constant_value, convert};
use crate::syntax::ScalarType;
use crate::udf;

fn pack_all(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 1 {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`pack_all()` takes at most one argument: whether to leave out null and empty values",
        )
        .with_span(call.span));
    }
    let ignore_null_empty = if call.args.is_empty() {
        false
    } else {
        let flag = arg(lw, call, 0)?;
        match constant_value(&flag.expr) {
            Some(datafusion::common::ScalarValue::Boolean(Some(b))) => *b,
            _ => {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    "the argument of `pack_all()` must be a constant bool",
                )
                .with_span(call.args[0].span));
            }
        }
    };
    let mut args: Vec<Expr> = Vec::new();
    let row = lw.row.unwrap_or(lw.scope);
    for entry in &row.entries {
        let value = convert::to_dynamic(&entry.value);
        let value = if ignore_null_empty {
            // A null value leaves the key out of the bag.
            let empty = match (entry.value.ty, entry.value.native) {
                (ScalarType::String | ScalarType::Guid, _)
                | (ScalarType::Dynamic, Some(ScalarType::String)) => entry
                    .value
                    .expr
                    .clone()
                    .is_null()
                    .or(entry.value.expr.clone().eq(lit(""))),
                _ => entry.value.expr.clone().is_null(),
            };
            when(empty, lit(datafusion::common::ScalarValue::Utf8(None)))
                .otherwise(value)
                .map_err(|e| crate::plan::plan_error(e, call.span))?
        } else {
            value
        };
        args.push(lit(entry.name.clone()));
        args.push(value);
    }
    let bag = if ignore_null_empty {
        udf::bag_pack_present().call(args)
    } else {
        udf::bag_pack().call(args)
    };
    Ok(Typed::new(bag, ScalarType::Dynamic))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "pack_all",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[optional("ignore_null_empty", "bool constant")],
    variadic: false,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "A property bag of every column of the row (name to value); with `true`, \
              columns that are null or empty are left out.",
    examples: &[
        Example {
            query: "datatable(a:long, b:string)[1, \"x\", 2, \"\"] | project p = pack_all()",
            output: "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"\"}",
        },
        Example {
            query: "datatable(a:long, b:string)[1, \"x\", 2, \"\"] | project p = pack_all(true)",
            output: "{\"a\":1,\"b\":\"x\"}\n{\"a\":2}",
        },
    ],
    lower: pack_all,
};
