//! `column_names_of()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

fn column_names_of(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let [table] = call.args else {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`column_names_of()` takes one tabular expression",
        )
        .with_span(call.span));
    };
    let t = lw.planner.tabular_argument(table)?;
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    let json = serde_json::to_string(&names).expect("names serialise");
    Ok(Typed::new(lit(json), ScalarType::Dynamic))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "column_names_of",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("table", "tabular expression")],
    variadic: false,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "The column names of a tabular expression, as a dynamic array (from its schema, \
              without running it).",
    examples: &[Example {
        query: "let T = datatable(a:long, b:string)[]; print c = column_names_of(T)",
        output: "[\"a\",\"b\"]",
    }],
    lower: column_names_of,
};
