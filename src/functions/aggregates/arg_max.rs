//! `arg_max()`.

use crate::functions::{Example, FunctionKind, FunctionSpec, Naming, Returns, param};

use super::support::*;

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "arg_max",
    aliases: &[],
    kind: FunctionKind::Aggregate,
    params: &[
        param("maximize", "any scalar"),
        param("returned", "expressions or *"),
    ],
    variadic: true,
    returns: Returns::Rule("one column per returned expression (all columns for `*`)"),
    naming: Naming::FirstArgument,
    summary: "The row of the group where the first argument is largest: its value, then \
              the returned expressions (`*`: every column).",
    examples: &[Example {
        query: "datatable(g:string, t:long, v:string) [\"a\", 1, \"x\", \"a\", 2, \"y\"] | summarize arg_max(t, v) by g",
        output: "a | 2 | y",
    }],
    lower: arg_extreme,
};
