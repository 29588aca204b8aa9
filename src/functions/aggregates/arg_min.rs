//! `arg_min()`.

use crate::functions::{Example, FunctionKind, FunctionSpec, Naming, Returns, param};

use super::support::*;

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "arg_min",
    aliases: &[],
    kind: FunctionKind::Aggregate,
    params: &[
        param("minimize", "any scalar"),
        param("returned", "expressions or *"),
    ],
    variadic: true,
    returns: Returns::Rule("one column per returned expression (all columns for `*`)"),
    naming: Naming::FirstArgument,
    summary: "The row of the group where the first argument is smallest (see `arg_max`).",
    examples: &[Example {
        query: "datatable(g:string, t:long, v:string) [\"a\", 1, \"x\", \"a\", 2, \"y\"] | summarize arg_min(t, *) by g",
        output: "a | 1 | x",
    }],
    lower: arg_extreme,
};
