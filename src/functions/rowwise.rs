//! Lowering for the functions computed by a family's row-wise UDF ([`crate::udf::rowwise`]):
//! each argument is converted as the operation declares, and the call becomes
//! `kql_<family>('<op>', args...)`.

use std::sync::Arc;

use datafusion::logical_expr::{ScalarUDF, lit};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, LowerFn, Naming, Param, Returns, arg, arg_type_error,
};
use crate::plan::{ExprLowerer, Typed, convert};
use crate::syntax::ScalarType;
use crate::udf::rowwise::{Kind, Op, find_op};

/// Lowers `call` to operation `op` of the family whose UDF is `udf` and table `ops`.
pub(crate) fn lower_op(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    udf: Arc<ScalarUDF>,
    ops: &'static [Op],
    op: &str,
) -> Result<Typed, Diagnostic> {
    let Some(spec) = find_op(ops, op) else {
        return Err(Diagnostic::error(
            Code::ExecutionError,
            format!("`{}()` has no implementation `{op}`", call.name.name),
        )
        .with_span(call.span));
    };
    let mut args = vec![lit(op)];
    for i in 0..call.args.len() {
        let t = arg(lw, call, i)?;
        let e = match spec.kind(i) {
            Kind::Dynamic => convert::to_dynamic(&t),
            Kind::Str => convert::to_string_value(&t, lw.scope.schema.as_ref()),
            Kind::Real => {
                convert::to_real(&t).ok_or_else(|| arg_type_error(call, i, "a number", &t))?
            }
            Kind::Long => convert::to_integer(&t, ScalarType::Long)
                .ok_or_else(|| arg_type_error(call, i, "a long", &t))?,
            Kind::Bool => {
                convert::to_bool(&t).ok_or_else(|| arg_type_error(call, i, "a bool", &t))?
            }
        };
        args.push(e);
    }
    Ok(Typed::new(udf.call(args), spec.ret.scalar_type()))
}

/// A scalar function's spec (the catalog fields in the order the files read them).
pub(crate) const fn scalar(
    name: &'static str,
    params: &'static [Param],
    variadic: bool,
    returns: ScalarType,
    summary: &'static str,
    examples: &'static [Example],
    lower: LowerFn,
) -> FunctionSpec {
    FunctionSpec {
        name,
        aliases: &[],
        kind: FunctionKind::Scalar,
        params,
        variadic,
        returns: Returns::Type(returns),
        naming: Naming::Column,
        summary,
        examples,
        lower,
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{QueryOptions, run_query};

    async fn rows(query: &str) -> Vec<String> {
        let ctx = crate::lake::new_session();
        match run_query(&ctx, query, &QueryOptions::default()).await {
            Ok(result) => result
                .text_rows()
                .into_iter()
                .map(|row| row.join(" | "))
                .collect(),
            Err(d) => vec![d.render(query)],
        }
    }

    /// Null, empty and invalid inputs give null, `false` or an empty string, never an error.
    #[tokio::test]
    async fn invalid_input_is_null_or_empty() {
        let query = concat!(
            "datatable(d:dynamic, s:string, n:long) [dynamic(null), '', long(null), ",
            "dynamic('x'), 'not an ip', -1] | project series_abs(d), has_ipv4(s, '1.2.3.4'), ",
            "isnull(parse_ipv6(s)), isnull(array_reverse(d)), format_ipv4(s), ",
            "isnull(bag_has_key(d, 'k')), string_size(s), isnull(ipv4_is_match(s, '1.2.3.4')), ",
            "isnull(repeat(n, n)), punycode_to_string(s), isnull(series_sum(d))"
        );
        assert_eq!(
            rows(query).await,
            vec![
                " | false | true | true |  | true | 0 | true | true |  | true",
                " | false | true | true |  | true | 9 | true | true |  | true",
            ]
        );
    }
}
