//! `column_ifexists()`.

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, const_string, param,
};
use crate::plan::{ExprLowerer, Typed};

fn column_ifexists(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() != 2 {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`column_ifexists()` takes a column name and a default value",
        )
        .with_span(call.span));
    }
    let name = const_string(lw, call, 0)?;
    match lw.scope.get(&name) {
        Some(entry) => Ok(entry.value.clone()),
        None => arg(lw, call, 1),
    }
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "column_ifexists",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("column_name", "string constant"),
        param("default_value", "any scalar"),
    ],
    variadic: false,
    returns: Returns::Rule("the column's type if it exists, else the default's"),
    naming: Naming::Column,
    summary: "The column with this name if the input has one, otherwise the default value \
              (decided when the query is planned, so tabular functions can take optional \
              columns by name).",
    examples: &[Example {
        query: "datatable(a:long)[1, 2] | project x = column_ifexists(\"a\", 0), \
                    y = column_ifexists(\"b\", -1)",
        output: "1 | -1\n2 | -1",
    }],
    lower: column_ifexists,
};
