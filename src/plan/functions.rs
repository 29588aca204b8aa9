//! User functions and the statements that name results: `let f = (a:long, T:(*)) { ... }`,
//! `invoke`, views, `as`, `materialize()`, `toscalar()` and `render`.
//!
//! A user function is inlined where it is called: its parameters are bound to the arguments (a
//! scalar argument is its lowered expression, converted to the declared type; a tabular argument
//! its plan), then its body is planned. `materialize(T)` is planned as `T` (inlined: the engine
//! may compute it more than once); `toscalar(T)` is an uncorrelated scalar subquery (the first
//! column of the first row).

use std::sync::{Arc, LazyLock};

use datafusion::logical_expr::{Expr, LogicalPlanBuilder, Subquery};

use super::expr::Typed;
use super::{Binding, ExprLowerer, Planner, Scope, Tabular, convert, not_supported, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::functions::Call;
use crate::syntax::{
    As, Body, Expr as Ast, ExprKind, FunctionCall, FunctionDef, Literal, ParamType, Render,
};

/// The scope of a function body: no columns.
static NO_COLUMNS: LazyLock<Scope> = LazyLock::new(Scope::empty);

/// How deep user-function calls may nest (a recursive function stops here).
const MAX_CALL_DEPTH: usize = 64;

impl Planner<'_> {
    /// Checks a function definition: parameter names are distinct, tabular ones have no default.
    pub(crate) fn check_function(&self, def: &FunctionDef, span: Span) -> Result<(), Diagnostic> {
        for (i, p) in def.params.iter().enumerate() {
            if def.params[..i].iter().any(|q| q.name.name == p.name.name) {
                return Err(Diagnostic::error(
                    Code::DuplicateColumn,
                    format!("two parameters are named `{}`", p.name.name),
                )
                .with_span(p.name.span));
            }
            if matches!(p.ty, ParamType::Tabular(_)) && p.default.is_some() {
                return Err(not_supported(
                    "a default value for a tabular parameter",
                    span,
                ));
            }
        }
        Ok(())
    }

    /// Whether a function's body is tabular.
    pub(crate) fn function_is_tabular(&self, def: &FunctionDef) -> bool {
        match &def.body.result {
            Body::Tabular(_) => true,
            Body::Scalar(e) => match &e.kind {
                ExprKind::Ident(id) => {
                    matches!(self.binding(&id.name), Some(Binding::Tabular(_)))
                        || (self.binding(&id.name).is_none()
                            && self.catalog.table(&id.name).is_some())
                }
                _ => false,
            },
        }
    }

    /// Whether an expression stands for a table: `(T | ...)`, a tabular name, a call of a
    /// tabular user function.
    pub(crate) fn is_tabular_value(&self, e: &Ast) -> bool {
        match &e.kind {
            ExprKind::Tabular(_) => true,
            ExprKind::Paren(inner) => self.is_tabular_value(inner),
            ExprKind::Ident(id) => {
                self.scalar_binding(&id.name).is_none() && self.is_tabular_name(&id.name)
            }
            ExprKind::Call(c) => self
                .function_binding(&c.name.name)
                .is_some_and(|d| self.function_is_tabular(&d)),
            _ => false,
        }
    }

    /// A call used as a tabular source (`f(1)`, `materialize(T)`), or `invoke f(...)` with
    /// `input` as the first argument.
    pub(crate) fn plan_tabular_call(
        &self,
        call: &FunctionCall,
        input: Option<Tabular>,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        if let Some(def) = self.function_binding(&call.name.name) {
            return self.call_tabular_function(&def, &call.name.name, &call.args, input, span);
        }
        if call.name.name == "materialize" && input.is_none() {
            let [arg] = call.args.as_slice() else {
                return Err(Diagnostic::error(
                    Code::WrongArgumentCount,
                    "`materialize()` takes one tabular expression",
                )
                .with_span(span));
            };
            return self.tabular_argument(arg);
        }
        let what = if input.is_some() {
            format!("`invoke` of `{}`", call.name.name)
        } else {
            format!("calling `{}` as a tabular function", call.name.name)
        };
        if self.catalog.table(&call.name.name).is_some() || input.is_some() {
            return Err(Diagnostic::error(
                Code::UnknownFunction,
                format!("no tabular function named `{}`", call.name.name),
            )
            .with_span(call.name.span)
            .with_help("define it first with `let f = (T:(*)) { T | ... };`"));
        }
        Err(not_supported(&what, span))
    }

    /// The plan of an argument that must be tabular: `(T | ...)`, a table or a tabular name.
    pub(crate) fn tabular_argument(&self, arg: &Ast) -> Result<Tabular, Diagnostic> {
        match &arg.kind {
            ExprKind::Tabular(t) => self.plan_tabular(t),
            ExprKind::Paren(inner) => self.tabular_argument(inner),
            ExprKind::Ident(id) => self.plan_table_name(id),
            ExprKind::Call(call) if self.function_binding(&call.name.name).is_some() => {
                self.plan_tabular_call(call, None, arg.span)
            }
            _ => Err(Diagnostic::error(
                Code::WrongKindOfExpression,
                "expected a tabular expression here",
            )
            .with_span(arg.span)),
        }
    }

    /// Binds the parameters of `def` to `args` (`input` fills the first, tabular, parameter).
    /// Scalar arguments are lowered by `lower`.
    fn bind_arguments(
        &self,
        def: &FunctionDef,
        name: &str,
        args: &[Ast],
        input: Option<Tabular>,
        span: Span,
        lower: &mut dyn FnMut(&Ast) -> Result<Typed, Diagnostic>,
    ) -> Result<Vec<(String, Binding)>, Diagnostic> {
        let mut values: Vec<Option<&Ast>> = vec![None; def.params.len()];
        let mut bound: Vec<(String, Binding)> = Vec::new();
        let mut first = 0;
        if let Some(input) = input {
            match def.params.first() {
                Some(p) if matches!(p.ty, ParamType::Tabular(_)) => {
                    self.check_schema(p, &input, span)?;
                    bound.push((p.name.name.clone(), Binding::Tabular(input)));
                    first = 1;
                }
                _ => {
                    return Err(Diagnostic::error(
                        Code::WrongKindOfExpression,
                        format!("`{name}` has no tabular first parameter to `invoke` it with"),
                    )
                    .with_span(span));
                }
            }
        }
        let mut next = first;
        for arg in args {
            if let ExprKind::NamedArgument {
                name: arg_name,
                value,
            } = &arg.kind
            {
                let Some(i) = def.params.iter().position(|p| p.name.name == arg_name.name) else {
                    return Err(Diagnostic::error(
                        Code::InvalidArgument,
                        format!("`{name}` has no parameter named `{}`", arg_name.name),
                    )
                    .with_span(arg_name.span));
                };
                values[i] = Some(value);
            } else {
                while next < def.params.len() && values[next].is_some() {
                    next += 1;
                }
                if next >= def.params.len() {
                    return Err(Diagnostic::error(
                        Code::WrongArgumentCount,
                        format!(
                            "`{name}` takes {} argument{}",
                            def.params.len() - first,
                            if def.params.len() - first == 1 {
                                ""
                            } else {
                                "s"
                            }
                        ),
                    )
                    .with_span(arg.span));
                }
                values[next] = Some(arg);
                next += 1;
            }
        }
        for (i, p) in def.params.iter().enumerate().skip(first) {
            let binding = match (&p.ty, values[i]) {
                (ParamType::Tabular(_), Some(arg)) => {
                    let t = self.tabular_argument(arg)?;
                    self.check_schema(p, &t, arg.span)?;
                    Binding::Tabular(t)
                }
                (ParamType::Scalar(ty), value) => {
                    let (t, at) = match (value, &p.default) {
                        (Some(arg), _) => (lower(arg)?, arg.span),
                        (None, Some(default)) => (
                            ExprLowerer::new(self, &Scope::empty()).lower(default)?,
                            default.span,
                        ),
                        (None, None) => return Err(missing_argument(name, &p.name.name, span)),
                    };
                    let expr = if t.ty == *ty && t.native.is_none() {
                        t.expr
                    } else {
                        convert::convert(&t, *ty).ok_or_else(|| {
                            Diagnostic::error(
                                Code::TypeMismatch,
                                format!(
                                    "parameter `{}` of `{name}` is {}, this argument is {}",
                                    p.name.name,
                                    ty.name(),
                                    t.ty.name()
                                ),
                            )
                            .with_span(at)
                        })?
                    };
                    Binding::Scalar(Typed::new(expr, *ty))
                }
                (ParamType::Tabular(_), None) => {
                    return Err(missing_argument(name, &p.name.name, span));
                }
            };
            bound.push((p.name.name.clone(), binding));
        }
        Ok(bound)
    }

    /// A tabular argument has the columns its parameter declares.
    fn check_schema(
        &self,
        param: &crate::syntax::Param,
        t: &Tabular,
        span: Span,
    ) -> Result<(), Diagnostic> {
        if let ParamType::Tabular(schema) = &param.ty {
            for c in &schema.columns {
                if t.position(&c.name.name).is_none() {
                    return Err(Diagnostic::error(
                        Code::UnknownColumn,
                        format!(
                            "the table passed as `{}` has no column `{}`",
                            param.name.name, c.name.name
                        ),
                    )
                    .with_span(span));
                }
            }
        }
        Ok(())
    }

    /// Runs `body` one call level deeper, with `bindings` and the function's own `let`s in scope.
    fn in_call<R>(
        &self,
        def: &FunctionDef,
        name: &str,
        bindings: Vec<(String, Binding)>,
        span: Span,
        body: impl FnOnce() -> Result<R, Diagnostic>,
    ) -> Result<R, Diagnostic> {
        let depth = self.call_depth.get();
        if depth >= MAX_CALL_DEPTH {
            return Err(Diagnostic::error(
                Code::DepthLimit,
                format!(
                    "calls of `{name}` nest more than {MAX_CALL_DEPTH} deep (is it recursive?)"
                ),
            )
            .with_span(span));
        }
        self.call_depth.set(depth + 1);
        let result = self.scoped(|| {
            for (n, b) in bindings {
                self.bind(&n, b);
            }
            for l in &def.body.lets {
                self.plan_let(l, span)?;
            }
            body()
        });
        self.call_depth.set(depth);
        result
    }

    /// Inlines a call of a tabular function (a view when `args` is empty and there is no input).
    pub(crate) fn call_tabular_function(
        &self,
        def: &FunctionDef,
        name: &str,
        args: &[Ast],
        input: Option<Tabular>,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::empty();
        let bindings = self.bind_arguments(def, name, args, input, span, &mut |a| {
            ExprLowerer::new(self, &scope).lower(a)
        })?;
        self.in_call(def, name, bindings, span, || match &def.body.result {
            Body::Tabular(t) => self.plan_tabular(t),
            Body::Scalar(e) => match &e.kind {
                ExprKind::Ident(_) | ExprKind::Call(_) | ExprKind::Paren(_) => {
                    self.tabular_argument(e)
                }
                _ => Err(Diagnostic::error(
                    Code::WrongKindOfExpression,
                    format!("`{name}` returns a scalar value, not a table"),
                )
                .with_span(span)),
            },
        })
    }

    /// `as Name`: the input, also bound to `Name` for the rest of the query.
    pub(crate) fn plan_as(&self, input: Tabular, as_: &As) -> Result<Tabular, Diagnostic> {
        self.bind(&as_.name.name, Binding::Tabular(input.clone()));
        Ok(input)
    }

    /// `render chart with (...)`: recorded for the result; the rows pass through.
    pub(crate) fn plan_render(
        &self,
        input: Tabular,
        render: &Render,
    ) -> Result<Tabular, Diagnostic> {
        let properties = render
            .properties
            .iter()
            .map(|p| {
                let values: Vec<String> = p
                    .values
                    .iter()
                    .map(|v| match &v.kind {
                        ExprKind::Literal(Literal::String(s)) => s.clone(),
                        _ => v.to_string(),
                    })
                    .collect();
                (p.name.name.clone(), values.join(", "))
            })
            .collect();
        *self.render.borrow_mut() = Some(super::RenderSpec {
            visualization: render.chart.name.clone(),
            properties,
        });
        Ok(input)
    }
}

impl ExprLowerer<'_> {
    /// A call of a scalar user function: its body, with the parameters bound to the arguments.
    pub(crate) fn call_user_function(
        &mut self,
        def: &Arc<FunctionDef>,
        call: &Call<'_>,
    ) -> Result<Typed, Diagnostic> {
        let planner = self.planner;
        let name = &call.name.name;
        let bindings = planner.bind_arguments(def, name, call.args, None, call.span, &mut |a| {
            self.lower(a)
        })?;
        planner.in_call(def, name, bindings, call.span, || match &def.body.result {
            Body::Scalar(e) => {
                // The body sees the parameters, not the caller's columns; it is lowered by this
                // lowerer so that an aggregation in it works inside `summarize`.
                let caller = self.scope;
                self.scope = &NO_COLUMNS;
                let value = self.lower(e);
                self.scope = caller;
                value
            }
            Body::Tabular(_) => Err(Diagnostic::error(
                Code::WrongKindOfExpression,
                format!("`{name}` returns a table, not a scalar value"),
            )
            .with_span(call.span)),
        })
    }

    /// `toscalar(T | ...)`: the first column of the first row, as an uncorrelated subquery;
    /// `toscalar(expr)` of a scalar is the value itself.
    pub(crate) fn lower_toscalar(&mut self, call: &Call<'_>) -> Result<Typed, Diagnostic> {
        let [arg] = call.args else {
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                "`toscalar()` takes one argument",
            )
            .with_span(call.span));
        };
        let column = matches!(&arg.kind, ExprKind::Ident(id) if self.scope.get(&id.name).is_some());
        if column || !self.planner.is_tabular_value(arg) {
            return self.lower(arg);
        }
        let t = self.planner.tabular_argument(arg)?;
        let Some(first) = t.columns.first() else {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the table of `toscalar()` has no columns",
            )
            .with_span(arg.span));
        };
        let ty = first.ty;
        let column = t.column_expr(0);
        let plan = LogicalPlanBuilder::from(t.plan)
            .project(vec![column])
            .and_then(|b| b.limit(0, Some(1)))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, arg.span))?;
        Ok(Typed::new(
            Expr::ScalarSubquery(Subquery {
                subquery: Arc::new(plan),
                outer_ref_columns: Vec::new(),
                spans: Default::default(),
            }),
            ty,
        ))
    }
}

fn missing_argument(function: &str, param: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::WrongArgumentCount,
        format!("`{function}` needs a value for its parameter `{param}`"),
    )
    .with_span(span)
}
