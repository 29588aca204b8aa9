//! `bin_auto()`.

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, lookup, param};
use crate::plan::{ExprLowerer, Typed};

fn bin_auto(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let [value] = call.args else {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`bin_auto()` takes one argument; the bin size comes from `set query_bin_auto_size`",
        )
        .with_span(call.span));
    };
    let Some(size) = lw.planner.query_option("query_bin_auto_size") else {
        return Err(Diagnostic::error(
            Code::InvalidArgument,
            "`bin_auto()` needs the bin size: `set query_bin_auto_size = 1h;` before the query",
        )
        .with_span(call.span));
    };
    let mut args = vec![value.clone(), size];
    let target = match lw.planner.query_option("query_bin_auto_at") {
        Some(at) => {
            args.push(at);
            "bin_at"
        }
        None => "bin",
    };
    let spec = lookup(target).expect("bin and bin_at are in the catalog");
    let inner = Call {
        name: call.name,
        args: &args,
        span: call.span,
    };
    (spec.lower)(lw, &inner)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "bin_auto",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("value", "number, datetime or timespan")],
    variadic: false,
    returns: Returns::Rule("the value's type"),
    naming: Naming::FirstArgument,
    summary: "`bin()` with the size of the `query_bin_auto_size` option, and `bin_at()` at \
              `query_bin_auto_at` when that is set (`set query_bin_auto_size = 1h;`).",
    examples: &[Example {
        query: "set query_bin_auto_size = 10; set query_bin_auto_at = 5; \
                range x from 1 to 30 step 7 | summarize count() by bin_auto(x) | sort by x asc",
        output: "-5 | 1\n5 | 1\n15 | 2\n25 | 1",
    }],
    lower: bin_auto,
};
