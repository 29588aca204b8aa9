//! `scan [with_match_id = Id] [declare (Col: type [= default], ...)] with (step ...; ...)`: a
//! sequential state machine over the rows, in input order.
//!
//! Planned as a [`ScanNode`], a DataFusion extension node executed by `exec::scan`. The node is
//! plain data: the steps' names and options, and their conditions and assignments as DataFusion
//! expressions lowered from KQL like any other (so every kqlhunt function works in them), written
//! over an *evaluation schema*: the input's columns, unqualified and in order, then one column
//! per state value the steps read (`s1.Col`), named `__kql_scan_state_<n>`.
//!
//! The expressions are not listed in [`UserDefinedLogicalNodeCore::expressions`]: they read
//! columns that no input has (the state), which DataFusion's analyzer would reject; type coercion
//! is applied when they are compiled, in `exec::scan`. Subqueries (`toscalar()`) in a step are not
//! supported.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::tree_node::TreeNode;
use datafusion::common::{Column, DFSchema, DFSchemaRef, TableReference};
use datafusion::logical_expr::{Expr, Extension, LogicalPlan, UserDefinedLogicalNodeCore, lit};

use super::convert;
use super::expr::{ExprLowerer, Typed, not_supported, type_error};
use super::scope::{Scope, ScopeEntry, unknown_column};
use super::types::{arrow_type, field_metadata, is_numeric, null_of};
use super::{ColumnInfo, Planner, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::Expr as Ast;
use crate::syntax::{ExprKind, FunctionCall, Ident, ScalarType, Scan, ScanOutput, ScanStep};

/// The `scan` operator in a logical plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScanNode {
    pub input: LogicalPlan,
    pub spec: ScanSpec,
    /// The output: the input's columns, the declared columns, then the match id column.
    pub schema: DFSchemaRef,
}

/// What a `scan` computes, independent of its input plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScanSpec {
    /// The schema the steps' expressions read: the input's columns, then the state columns
    /// ([`ScanSpec::state_refs`]).
    pub eval_schema: DFSchemaRef,
    /// How many columns the input has.
    pub input_len: usize,
    /// The declared columns: name, type and default value (an expression without columns,
    /// already of the column's type). Column `input_len + i` of the "extended" row is `declared[i]`.
    pub declared: Vec<ScanDeclared>,
    /// The state values the expressions read, in the order of the evaluation schema's state
    /// columns: (step, extended column).
    pub state_refs: Vec<(usize, usize)>,
    pub steps: Vec<ScanStepSpec>,
    /// The name of the match id column, if any.
    pub match_id: Option<String>,
    /// Inside `partition`: the input column whose values each have their own state.
    pub partition: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScanDeclared {
    pub name: String,
    pub ty: ScalarType,
    pub default: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScanStepSpec {
    pub name: String,
    pub optional: bool,
    pub output: ScanOutput,
    /// A boolean expression; null is false.
    pub condition: Expr,
    /// (extended column, value of the column's type), in the order written.
    pub assignments: Vec<(usize, Expr)>,
}

impl ScanSpec {
    /// The extended columns a step's state record holds: the distinct columns of `state_refs`.
    pub fn state_columns(&self) -> Vec<usize> {
        let mut columns: Vec<usize> = Vec::new();
        for &(_, c) in &self.state_refs {
            if !columns.contains(&c) {
                columns.push(c);
            }
        }
        columns
    }

    /// The input columns that some step assigns.
    pub fn assigned_inputs(&self) -> Vec<usize> {
        let mut columns: Vec<usize> = Vec::new();
        for step in &self.steps {
            for &(c, _) in &step.assignments {
                if c < self.input_len && !columns.contains(&c) {
                    columns.push(c);
                }
            }
        }
        columns.sort_unstable();
        columns
    }
}

/// The name of the evaluation schema's `n`th state column.
fn state_column_name(n: usize) -> String {
    format!("__kql_scan_state_{n}")
}

impl PartialOrd for ScanNode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match self.input.partial_cmp(&other.input) {
            Some(Ordering::Equal) if self != other => None,
            ordering => ordering,
        }
    }
}

impl UserDefinedLogicalNodeCore for ScanNode {
    fn name(&self) -> &str {
        "KqlScan"
    }

    fn inputs(&self) -> Vec<&LogicalPlan> {
        vec![&self.input]
    }

    fn schema(&self) -> &DFSchemaRef {
        &self.schema
    }

    /// None: the steps' expressions read state columns that the input does not have (see the
    /// module documentation).
    fn expressions(&self) -> Vec<Expr> {
        Vec::new()
    }

    fn fmt_for_explain(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "KqlScan:")?;
        if let Some(id) = &self.spec.match_id {
            write!(f, " with_match_id={id}")?;
        }
        for declared in &self.spec.declared {
            write!(f, " declare {}:{}", declared.name, declared.ty.name())?;
        }
        for step in &self.spec.steps {
            write!(
                f,
                " step {}{} output={}: {}",
                step.name,
                if step.optional { " optional" } else { "" },
                step.output.name(),
                step.condition
            )?;
            for (c, value) in &step.assignments {
                write!(f, ", #{c} = {value}")?;
            }
            f.write_str(";")?;
        }
        Ok(())
    }

    fn with_exprs_and_inputs(
        &self,
        _exprs: Vec<Expr>,
        mut inputs: Vec<LogicalPlan>,
    ) -> datafusion::error::Result<Self> {
        let Some(input) = inputs.pop() else {
            return datafusion::common::plan_err!("KqlScan takes one input");
        };
        Ok(ScanNode {
            input,
            spec: self.spec.clone(),
            schema: Arc::clone(&self.schema),
        })
    }
}

/// A column a step can assign and a state holds: an input column or a declared one.
struct Extended {
    name: String,
    ty: ScalarType,
}

/// The state values read by the steps being lowered: (step, extended column) to state column.
#[derive(Default)]
struct StateRefs {
    refs: Vec<(usize, usize)>,
}

impl StateRefs {
    fn intern(&mut self, step: usize, column: usize) -> usize {
        match self.refs.iter().position(|&r| r == (step, column)) {
            Some(n) => n,
            None => {
                self.refs.push((step, column));
                self.refs.len() - 1
            }
        }
    }
}

/// Rewrites `Step.Col` into a reference to the state column holding it.
struct StateRewriter<'s> {
    steps: &'s [ScanStep],
    columns: &'s [Extended],
    refs: StateRefs,
}

impl StateRewriter<'_> {
    fn step(&self, name: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.name.name == name)
    }

    fn rewrite(&mut self, e: &Ast) -> Result<Ast, Diagnostic> {
        let kind = match &e.kind {
            ExprKind::Member { base, name } => {
                if let ExprKind::Ident(step) = &base.kind
                    && let Some(j) = self.step(&step.name)
                {
                    let Some(c) = self.columns.iter().position(|c| c.name == name.name) else {
                        return Err(unknown_column(
                            &name.name,
                            name.span,
                            self.columns.iter().map(|c| &c.name),
                        )
                        .with_note(format!(
                            "`{}.{}` reads the state of step `{}`: a column of the input or of `declare`",
                            step.name, name.name, step.name
                        )));
                    };
                    let n = self.refs.intern(j, c);
                    ExprKind::Ident(Ident::new(state_column_name(n), e.span))
                } else {
                    ExprKind::Member {
                        base: Box::new(self.rewrite(base)?),
                        name: name.clone(),
                    }
                }
            }
            ExprKind::Index { base, index } => ExprKind::Index {
                base: Box::new(self.rewrite(base)?),
                index: Box::new(self.rewrite(index)?),
            },
            ExprKind::Call(call) => ExprKind::Call(FunctionCall {
                name: call.name.clone(),
                args: self.rewrite_all(&call.args)?,
            }),
            ExprKind::Unary { op, operand } => ExprKind::Unary {
                op: *op,
                operand: Box::new(self.rewrite(operand)?),
            },
            ExprKind::Binary { op, left, right } => ExprKind::Binary {
                op: *op,
                left: Box::new(self.rewrite(left)?),
                right: Box::new(self.rewrite(right)?),
            },
            ExprKind::List { op, expr, list } => ExprKind::List {
                op: *op,
                expr: Box::new(self.rewrite(expr)?),
                list: self.rewrite_all(list)?,
            },
            ExprKind::Between {
                negated,
                expr,
                low,
                high,
            } => ExprKind::Between {
                negated: *negated,
                expr: Box::new(self.rewrite(expr)?),
                low: Box::new(self.rewrite(low)?),
                high: Box::new(self.rewrite(high)?),
            },
            ExprKind::Paren(inner) => ExprKind::Paren(Box::new(self.rewrite(inner)?)),
            ExprKind::NamedArgument { name, value } => ExprKind::NamedArgument {
                name: name.clone(),
                value: Box::new(self.rewrite(value)?),
            },
            ExprKind::Literal(_)
            | ExprKind::Ident(_)
            | ExprKind::JoinColumn { .. }
            | ExprKind::Tabular(_)
            | ExprKind::Wildcard => e.kind.clone(),
        };
        Ok(Ast::new(kind, e.span))
    }

    fn rewrite_all(&mut self, exprs: &[Ast]) -> Result<Vec<Ast>, Diagnostic> {
        exprs.iter().map(|e| self.rewrite(e)).collect()
    }
}

/// A value converted to `ty` for a column of that type: KQL's implicit conversions, and numbers
/// of any kind (a `real` assigned to a `long` column is truncated).
fn to_column_type(t: &Typed, ty: ScalarType, span: Span) -> Result<Expr, Diagnostic> {
    if let Some(e) = convert::convert(t, ty) {
        return Ok(e);
    }
    let converted = match ty {
        ScalarType::Int | ScalarType::Long if is_numeric(t.ty) => convert::to_integer(t, ty),
        _ => None,
    };
    converted.ok_or_else(|| type_error(t, ty.name(), span))
}

/// Whether an expression holds a subquery, which a step cannot run.
fn has_subquery(expr: &Expr) -> bool {
    expr.exists(|e| {
        Ok(matches!(
            e,
            Expr::ScalarSubquery(_)
                | Expr::InSubquery(_)
                | Expr::Exists(_)
                | Expr::OuterReferenceColumn(..)
        ))
    })
    .unwrap_or(true)
}

fn no_subquery(expr: Expr, span: Span) -> Result<Expr, Diagnostic> {
    if has_subquery(&expr) {
        return Err(not_supported(
            "a subquery (such as `toscalar()`) in a `scan` step",
            span,
        ));
    }
    Ok(expr)
}

impl Planner<'_> {
    /// `scan`; inside `partition`, `partition` names the column whose values each have their
    /// own state.
    pub(crate) fn plan_scan(
        &self,
        input: Tabular,
        scan: &Scan,
        partition: Option<&str>,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        // The input's columns under their KQL names, in order (a column may still be read
        // through an expression, `column1` for a `datatable`'s first column).
        let input = self.keep_columns(input, |_| true, span)?;
        let input_len = input.columns.len();
        let mut columns: Vec<Extended> = input
            .columns
            .iter()
            .map(|c| Extended {
                name: c.name.clone(),
                ty: c.ty,
            })
            .collect();
        for declared in &scan.declare {
            if columns.iter().any(|c| c.name == declared.name.name) {
                return Err(duplicate(&declared.name, "the input or `declare`"));
            }
            columns.push(Extended {
                name: declared.name.name.clone(),
                ty: declared.ty,
            });
        }
        if let Some(id) = &scan.match_id
            && columns.iter().any(|c| c.name == id.name)
        {
            return Err(duplicate(id, "the input or `declare`"));
        }
        for (n, step) in scan.steps.iter().enumerate() {
            if scan.steps[..n].iter().any(|s| s.name == step.name) {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    format!("two steps are named `{}`", step.name.name),
                )
                .with_span(step.name.span)
                .with_help("give each step of `scan` its own name"));
            }
        }

        // `Step.Col` becomes a state column.
        let mut rewriter = StateRewriter {
            steps: &scan.steps,
            columns: &columns,
            refs: StateRefs::default(),
        };
        let mut rewritten = Vec::new();
        for step in &scan.steps {
            let condition = rewriter.rewrite(&step.condition)?;
            let values = step
                .assignments
                .iter()
                .map(|a| rewriter.rewrite(&a.value))
                .collect::<Result<Vec<_>, _>>()?;
            rewritten.push((condition, values));
        }
        let state_refs = rewriter.refs.refs;

        // The evaluation schema and the scope over it.
        let input_schema = input.plan.schema();
        let mut fields: Vec<FieldRef> = input_schema.fields().iter().cloned().collect();
        let mut entries: Vec<ScopeEntry> = input
            .columns
            .iter()
            .map(|c| ScopeEntry {
                name: c.name.clone(),
                value: Typed::new(Expr::Column(Column::new_unqualified(&c.name)), c.ty),
                origin: c.origin.clone(),
            })
            .collect();
        for (n, &(_, c)) in state_refs.iter().enumerate() {
            let name = state_column_name(n);
            let ty = columns[c].ty;
            // An input column's state has the column's own Arrow type.
            let field = if c < input_len {
                Field::clone(input_schema.field(c))
                    .with_name(&name)
                    .with_nullable(true)
            } else {
                kql_field(&name, ty)
            };
            fields.push(Arc::new(field));
            entries.push(ScopeEntry {
                name: name.clone(),
                value: Typed::new(Expr::Column(Column::new_unqualified(name)), ty),
                origin: None,
            });
        }
        let eval_schema = DFSchema::from_unqualified_fields(fields.into(), HashMap::new())
            .map_err(|e| plan_error(e, span))?;
        let scope = Scope {
            entries,
            schema: Arc::new(eval_schema),
        };

        // The steps.
        let mut steps = Vec::new();
        for (step, (condition, values)) in scan.steps.iter().zip(rewritten) {
            let mut lowerer = ExprLowerer::new(self, &scope);
            let lowered = lowerer.lower_predicate(&condition)?;
            let lowered = no_subquery(lowered, step.condition.span)?;
            let mut assignments: Vec<(usize, Expr)> = Vec::new();
            for (assignment, value) in step.assignments.iter().zip(values) {
                let Some(c) = columns
                    .iter()
                    .position(|c| c.name == assignment.column.name)
                else {
                    return Err(unknown_column(
                        &assignment.column.name,
                        assignment.column.span,
                        columns.iter().map(|c| &c.name),
                    )
                    .with_help(format!(
                        "declare it: `scan declare ({}: type) with (...)`",
                        assignment.column.name
                    )));
                };
                if assignments.iter().any(|&(a, _)| a == c) {
                    return Err(duplicate(&assignment.column, "this step's assignments"));
                }
                let t = lowerer.lower(&value)?;
                let e = to_column_type(&t, columns[c].ty, assignment.value.span)?;
                assignments.push((c, no_subquery(e, assignment.value.span)?));
            }
            steps.push(ScanStepSpec {
                name: step.name.name.clone(),
                optional: step.optional,
                output: step.output.unwrap_or(ScanOutput::All),
                condition: lowered,
                assignments,
            });
        }

        // Declared columns' defaults.
        let empty = Scope::empty();
        let mut declared = Vec::new();
        for d in &scan.declare {
            let default = match &d.default {
                Some(e) => {
                    let t = ExprLowerer::new(self, &empty).lower(e)?;
                    no_subquery(to_column_type(&t, d.ty, e.span)?, e.span)?
                }
                None => lit(null_of(d.ty)),
            };
            declared.push(ScanDeclared {
                name: d.name.name.clone(),
                ty: d.ty,
                default,
            });
        }

        let partition = partition.and_then(|name| input.position(name));
        let spec = ScanSpec {
            eval_schema: Arc::clone(&scope.schema),
            input_len,
            declared,
            state_refs,
            steps,
            match_id: scan.match_id.as_ref().map(|id| id.name.clone()),
            partition,
        };

        // The output: the input's columns (nullable when assigned), the declared ones, the id.
        let assigned = spec.assigned_inputs();
        let mut out_fields: Vec<(Option<TableReference>, Arc<Field>)> = input_schema
            .iter()
            .enumerate()
            .map(|(i, (qualifier, field))| {
                let field = if assigned.contains(&i) {
                    Arc::new(field.as_ref().clone().with_nullable(true))
                } else {
                    Arc::clone(field)
                };
                (qualifier.cloned(), field)
            })
            .collect();
        let mut out_columns: Vec<ColumnInfo> = input
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| ColumnInfo {
                name: c.name.clone(),
                ty: c.ty,
                origin: if assigned.contains(&i) {
                    None
                } else {
                    c.origin.clone()
                },
            })
            .collect();
        for d in &spec.declared {
            out_fields.push((None, Arc::new(kql_field(&d.name, d.ty))));
            out_columns.push(ColumnInfo {
                name: d.name.clone(),
                ty: d.ty,
                origin: None,
            });
        }
        if let Some(id) = &spec.match_id {
            out_fields.push((None, Arc::new(Field::new(id, DataType::Int64, false))));
            out_columns.push(ColumnInfo {
                name: id.clone(),
                ty: ScalarType::Long,
                origin: None,
            });
        }
        let schema = DFSchema::new_with_metadata(out_fields, input_schema.metadata().clone())
            .map_err(|e| plan_error(e, span))?;
        let node = ScanNode {
            input: input.plan,
            spec,
            schema: Arc::new(schema),
        };
        let plan = LogicalPlan::Extension(Extension {
            node: Arc::new(node),
        });
        Ok(Tabular {
            plan,
            columns: out_columns,
        })
    }
}

/// A nullable field of a KQL type, with the metadata that marks `dynamic` and `guid`.
fn kql_field(name: &str, ty: ScalarType) -> Field {
    let field = Field::new(name, arrow_type(ty), true);
    match field_metadata(ty) {
        Some(m) => field.with_metadata(m.to_hashmap()),
        None => field,
    }
}

fn duplicate(name: &Ident, among: &str) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateColumn,
        format!("`{}` is already a column of {among}", name.name),
    )
    .with_span(name.span)
}
