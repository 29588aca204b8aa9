//! Printing the syntax tree back as canonical KQL: one space around binary operators and after
//! commas, ` | ` between operators, `;\n` between statements, synonyms replaced by the canonical
//! operator name. Parsing the printed text gives an equal tree.

use std::fmt::{self, Display, Formatter, Write};

use super::ast::*;
use super::parser::is_plain_identifier;

/// Writes `items` separated by `separator`.
fn list<T: Display>(f: &mut Formatter<'_>, items: &[T], separator: &str) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

fn hints(f: &mut Formatter<'_>, hints: &[Hint]) -> fmt::Result {
    for hint in hints {
        write!(f, " hint.{}={}", hint.name, hint.value)?;
    }
    Ok(())
}

/// A string literal: double quotes, with backslash escapes for quotes, backslashes and control
/// characters.
pub(crate) fn write_string(f: &mut impl Write, value: &str, quote: char) -> fmt::Result {
    f.write_char(quote)?;
    for c in value.chars() {
        match c {
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            '\r' => f.write_str("\\r")?,
            c if c == quote => write!(f, "\\{c}")?,
            c if c.is_control() => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char(quote)
}

fn write_real(f: &mut Formatter<'_>, value: f64) -> fmt::Result {
    if value.is_nan() {
        f.write_str("real(nan)")
    } else if value.is_infinite() {
        f.write_str(if value > 0.0 {
            "real(+inf)"
        } else {
            "real(-inf)"
        })
    } else {
        // `{:?}` is the shortest text that reads back as the same value, with a `.` or `e`.
        write!(f, "{value:?}")
    }
}

/// A timespan in its largest exact unit: `1d`, `90m`, `1500ms`, `7tick`.
fn write_timespan(f: &mut Formatter<'_>, ticks: i64) -> fmt::Result {
    if ticks == i64::MIN {
        return write!(f, "time({ticks}tick)");
    }
    const UNITS: &[(i64, &str)] = &[
        (864_000_000_000, "d"),
        (36_000_000_000, "h"),
        (600_000_000, "m"),
        (10_000_000, "s"),
        (10_000, "ms"),
        (10, "microsecond"),
        (1, "tick"),
    ];
    let (unit, suffix) = UNITS
        .iter()
        .find(|(unit, _)| ticks % unit == 0)
        .copied()
        .unwrap_or((1, "tick"));
    write!(f, "{}{suffix}", ticks / unit)
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        list(f, &self.statements, ";\n")
    }
}

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            StatementKind::Let(statement) => write!(f, "{statement}"),
            StatementKind::Set(set) => match &set.value {
                Some(value) => write!(f, "set {} = {value}", set.name),
                None => write!(f, "set {}", set.name),
            },
            StatementKind::Query(tabular) => write!(f, "{tabular}"),
        }
    }
}

impl Display for LetStatement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "let {} = ", self.name)?;
        match &self.value {
            LetValue::Scalar(expr) => write!(f, "{expr}"),
            LetValue::Tabular(tabular) => write!(f, "{tabular}"),
            LetValue::Function(function) => write!(f, "{function}"),
        }
    }
}

impl Display for FunctionDef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.view {
            f.write_str("view ")?;
        }
        f.write_char('(')?;
        list(f, &self.params, ", ")?;
        f.write_str(") { ")?;
        for statement in &self.body.lets {
            write!(f, "{statement}; ")?;
        }
        match &self.body.result {
            Body::Scalar(expr) => write!(f, "{expr}")?,
            Body::Tabular(tabular) => write!(f, "{tabular}")?,
        }
        f.write_str(" }")
    }
}

impl Display for Param {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.name)?;
        match &self.ty {
            ParamType::Scalar(ty) => write!(f, "{ty}")?,
            ParamType::Tabular(schema) => write!(f, "{schema}")?,
        }
        if let Some(default) = &self.default {
            write!(f, " = {default}")?;
        }
        Ok(())
    }
}

impl Display for TabularSchema {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('(')?;
        if self.open {
            f.write_char('*')?;
            if !self.columns.is_empty() {
                f.write_str(", ")?;
            }
        }
        list(f, &self.columns, ", ")?;
        f.write_char(')')
    }
}

impl Display for ColumnDef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.name, self.ty)
    }
}

impl Display for ScalarType {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Display for Ident {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if is_plain_identifier(&self.name) {
            f.write_str(&self.name)
        } else {
            f.write_char('[')?;
            write_string(f, &self.name, '\'')?;
            f.write_char(']')
        }
    }
}

// -- Tabular ----------------------------------------------------------------------------------

impl Display for TabularExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        for operator in &self.operators {
            write!(f, " | {operator}")?;
        }
        Ok(())
    }
}

/// A tabular operand of `join`, `lookup` or `union`: bare when it is a name or a call,
/// parenthesised otherwise.
struct Operand<'a>(&'a TabularExpr);

impl Display for Operand<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let bare = self.0.operators.is_empty()
            && matches!(
                self.0.source.kind,
                SourceKind::Table(_) | SourceKind::Call(_)
            );
        if bare {
            write!(f, "{}", self.0)
        } else {
            write!(f, "({})", self.0)
        }
    }
}

impl Display for Source {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SourceKind::Table(name) => write!(f, "{name}"),
            SourceKind::Call(call) => write!(f, "{call}"),
            SourceKind::Datatable(table) => {
                f.write_str("datatable(")?;
                list(f, &table.columns, ", ")?;
                f.write_str(") [")?;
                list(f, &table.values, ", ")?;
                f.write_char(']')
            }
            SourceKind::Print(items) => {
                f.write_str("print ")?;
                list(f, items, ", ")
            }
            SourceKind::Range(range) => write!(
                f,
                "range {} from {} to {} step {}",
                range.column, range.from, range.to, range.step
            ),
            SourceKind::Union(union) => write!(f, "{union}"),
            SourceKind::Paren(inner) => write!(f, "({inner})"),
        }
    }
}

impl Display for Union {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("union")?;
        if let Some(kind) = self.kind {
            f.write_str(match kind {
                UnionKind::Inner => " kind=inner",
                UnionKind::Outer => " kind=outer",
            })?;
        }
        if let Some(column) = &self.with_source {
            write!(f, " withsource={column}")?;
        }
        if let Some(fuzzy) = self.is_fuzzy {
            write!(f, " isfuzzy={fuzzy}")?;
        }
        hints(f, &self.hints)?;
        for (i, table) in self.tables.iter().enumerate() {
            f.write_str(if i == 0 { " " } else { ", " })?;
            match table {
                UnionTable::Tabular(tabular) => write!(f, "{}", Operand(tabular))?,
                UnionTable::Wildcard(pattern) => f.write_str(pattern)?,
            }
        }
        Ok(())
    }
}

impl Display for Operator {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)
    }
}

impl Display for OperatorKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let name = self.name();
        match self {
            OperatorKind::Where(expr) | OperatorKind::Take(expr) => write!(f, "{name} {expr}"),
            OperatorKind::Extend(items) | OperatorKind::Project(items) => {
                write!(f, "{name} ")?;
                list(f, items, ", ")
            }
            OperatorKind::ProjectAway(columns) | OperatorKind::ProjectKeep(columns) => {
                write!(f, "{name} ")?;
                list(f, columns, ", ")
            }
            OperatorKind::ProjectByNames(names) => {
                write!(f, "{name} ")?;
                list(f, names, ", ")
            }
            OperatorKind::ProjectRename(renames) => {
                write!(f, "{name} ")?;
                list(f, renames, ", ")
            }
            OperatorKind::ProjectReorder(items) => {
                write!(f, "{name} ")?;
                list(f, items, ", ")
            }
            OperatorKind::Summarize(summarize) => {
                f.write_str(name)?;
                hints(f, &summarize.hints)?;
                if !summarize.aggregates.is_empty() {
                    f.write_char(' ')?;
                    list(f, &summarize.aggregates, ", ")?;
                }
                if !summarize.by.is_empty() {
                    f.write_str(" by ")?;
                    list(f, &summarize.by, ", ")?;
                }
                Ok(())
            }
            OperatorKind::Count | OperatorKind::GetSchema => f.write_str(name),
            OperatorKind::Sort(keys) => {
                write!(f, "{name} by ")?;
                list(f, keys, ", ")
            }
            OperatorKind::Top(top) => write!(f, "{name} {} by {}", top.count, top.key),
            OperatorKind::TopHitters(top) => {
                write!(f, "{name} {} of {}", top.count, top.value)?;
                match &top.by {
                    Some(by) => write!(f, " by {by}"),
                    None => Ok(()),
                }
            }
            OperatorKind::Sample(count) => write!(f, "{name} {count}"),
            OperatorKind::SampleDistinct(s) => write!(f, "{name} {} of {}", s.count, s.column),
            OperatorKind::Distinct(distinct) => {
                f.write_str(name)?;
                hints(f, &distinct.hints)?;
                if distinct.columns.is_empty() {
                    f.write_str(" *")
                } else {
                    f.write_char(' ')?;
                    list(f, &distinct.columns, ", ")
                }
            }
            OperatorKind::MvExpand(expand) => {
                f.write_str(name)?;
                match expand.bag_expansion {
                    Some(BagExpansion::Bag) => f.write_str(" bagexpansion=bag")?,
                    Some(BagExpansion::Array) => f.write_str(" bagexpansion=array")?,
                    None => {}
                }
                if let Some(index) = &expand.with_item_index {
                    write!(f, " with_itemindex={index}")?;
                }
                f.write_char(' ')?;
                list(f, &expand.items, ", ")?;
                if let Some(limit) = &expand.limit {
                    write!(f, " limit {limit}")?;
                }
                Ok(())
            }
            OperatorKind::Parse(parse) | OperatorKind::ParseWhere(parse) => {
                f.write_str(name)?;
                match parse.kind {
                    Some(ParseKind::Simple) => f.write_str(" kind=simple")?,
                    Some(ParseKind::Regex) => f.write_str(" kind=regex")?,
                    Some(ParseKind::Relaxed) => f.write_str(" kind=relaxed")?,
                    None => {}
                }
                if let Some(flags) = &parse.flags {
                    write!(f, " flags={flags}")?;
                }
                write!(f, " {} with", parse.expr)?;
                for item in &parse.pattern {
                    write!(f, " {item}")?;
                }
                Ok(())
            }
            OperatorKind::ParseKv(kv) => {
                write!(f, "{name} {} as (", kv.expr)?;
                list(f, &kv.keys, ", ")?;
                f.write_char(')')?;
                if !kv.options.is_empty() {
                    f.write_str(" with (")?;
                    for (n, (option, value)) in kv.options.iter().enumerate() {
                        if n > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{option}={value}")?;
                    }
                    f.write_char(')')?;
                }
                Ok(())
            }
            OperatorKind::Join(join) => {
                f.write_str(name)?;
                if let Some(kind) = join.kind {
                    write!(f, " kind={}", kind.name())?;
                }
                hints(f, &join.hints)?;
                write!(f, " {} on ", Operand(&join.right))?;
                list(f, &join.on, ", ")
            }
            OperatorKind::Union(union) => write!(f, "{union}"),
            OperatorKind::Lookup(lookup) => {
                f.write_str(name)?;
                match lookup.kind {
                    Some(LookupKind::LeftOuter) => f.write_str(" kind=leftouter")?,
                    Some(LookupKind::Inner) => f.write_str(" kind=inner")?,
                    None => {}
                }
                write!(f, " {} on ", Operand(&lookup.right))?;
                list(f, &lookup.on, ", ")
            }
            OperatorKind::As(as_) => {
                f.write_str(name)?;
                hints(f, &as_.hints)?;
                write!(f, " {}", as_.name)
            }
            OperatorKind::Serialize(items) => {
                f.write_str(name)?;
                if !items.is_empty() {
                    f.write_char(' ')?;
                    list(f, items, ", ")?;
                }
                Ok(())
            }
            OperatorKind::Invoke(call) => write!(f, "{name} {call}"),
            OperatorKind::Evaluate(evaluate) => {
                f.write_str(name)?;
                hints(f, &evaluate.hints)?;
                write!(f, " {}", evaluate.plugin)?;
                if let Some(schema) = &evaluate.output_schema {
                    write!(f, " : {schema}")?;
                }
                Ok(())
            }
            OperatorKind::MvApply(apply) => {
                f.write_str(name)?;
                if let Some(index) = &apply.with_item_index {
                    write!(f, " with_itemindex={index}")?;
                }
                f.write_char(' ')?;
                list(f, &apply.items, ", ")?;
                if let Some(limit) = &apply.limit {
                    write!(f, " limit {limit}")?;
                }
                f.write_str(" on (")?;
                list(f, &apply.subquery, " | ")?;
                f.write_char(')')
            }
            OperatorKind::Partition(partition) => {
                f.write_str(name)?;
                hints(f, &partition.hints)?;
                write!(f, " by {} (", partition.by)?;
                list(f, &partition.subquery, " | ")?;
                f.write_char(')')
            }
            OperatorKind::TopNested(nested) => {
                for (n, level) in nested.levels.iter().enumerate() {
                    if n > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(name)?;
                    if let Some(count) = &level.count {
                        write!(f, " {count}")?;
                    }
                    write!(f, " of {}", level.of)?;
                    if let Some(others) = &level.others {
                        write!(f, " with others = {others}")?;
                    }
                    write!(f, " by {}", level.by)?;
                    match level.order {
                        Some(SortOrder::Asc) => f.write_str(" asc")?,
                        Some(SortOrder::Desc) => f.write_str(" desc")?,
                        None => {}
                    }
                }
                Ok(())
            }
            OperatorKind::MakeSeries(series) => {
                f.write_str(name)?;
                if series.nonempty {
                    f.write_str(" kind=nonempty")?;
                }
                hints(f, &series.hints)?;
                f.write_char(' ')?;
                list(f, &series.aggregates, ", ")?;
                write!(f, " on {}", series.axis)?;
                if let Some(from) = &series.from {
                    write!(f, " from {from}")?;
                }
                if let Some(to) = &series.to {
                    write!(f, " to {to}")?;
                }
                write!(f, " step {}", series.step)?;
                if !series.by.is_empty() {
                    f.write_str(" by ")?;
                    list(f, &series.by, ", ")?;
                }
                Ok(())
            }
            OperatorKind::Scan(scan) => write!(f, "{scan}"),
            OperatorKind::MakeGraph(graph) => {
                write!(f, "{name} {} --> {}", graph.source, graph.target)?;
                match &graph.nodes {
                    GraphNodes::FromEdges => Ok(()),
                    GraphNodes::NodeId(id) => write!(f, " with_node_id={id}"),
                    GraphNodes::Tables(tables) => {
                        f.write_str(" with ")?;
                        for (n, table) in tables.iter().enumerate() {
                            if n > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{} on {}", Operand(&table.table), table.key)?;
                        }
                        Ok(())
                    }
                }
            }
            OperatorKind::GraphMatch(graph) | OperatorKind::GraphShortestPaths(graph) => {
                f.write_str(name)?;
                if let Some(option) = &graph.option {
                    let key = if matches!(self, OperatorKind::GraphMatch(_)) {
                        "cycles"
                    } else {
                        "output"
                    };
                    write!(f, " {key}={option}")?;
                }
                f.write_char(' ')?;
                list(f, &graph.patterns, ", ")?;
                if let Some(condition) = &graph.condition {
                    write!(f, " where {condition}")?;
                }
                f.write_str(" project ")?;
                list(f, &graph.project, ", ")
            }
            OperatorKind::GraphToTable(GraphToTable::Nodes { node_id }) => {
                write!(f, "{name} nodes")?;
                if let Some(id) = node_id {
                    write!(f, " with_node_id={id}")?;
                }
                Ok(())
            }
            OperatorKind::GraphToTable(GraphToTable::Edges {
                source_id,
                target_id,
            }) => {
                write!(f, "{name} edges")?;
                if let Some(id) = source_id {
                    write!(f, " with_source_id={id}")?;
                }
                if let Some(id) = target_id {
                    write!(f, " with_target_id={id}")?;
                }
                Ok(())
            }
            OperatorKind::GraphMarkComponents(marks) => {
                f.write_str(name)?;
                match marks.strong {
                    Some(true) => f.write_str(" kind=strong")?,
                    Some(false) => f.write_str(" kind=weak")?,
                    None => {}
                }
                if let Some(id) = &marks.component_id {
                    write!(f, " with_component_id={id}")?;
                }
                Ok(())
            }
            OperatorKind::Render(render) => {
                write!(f, "{name} {}", render.chart)?;
                if !render.properties.is_empty() {
                    f.write_str(" with (")?;
                    list(f, &render.properties, ", ")?;
                    f.write_char(')')?;
                }
                Ok(())
            }
        }
    }
}

impl Display for Scan {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("scan")?;
        if let Some(match_id) = &self.match_id {
            write!(f, " with_match_id={match_id}")?;
        }
        if !self.declare.is_empty() {
            f.write_str(" declare (")?;
            list(f, &self.declare, ", ")?;
            f.write_char(')')?;
        }
        f.write_str(" with (")?;
        list(f, &self.steps, " ")?;
        f.write_char(')')
    }
}

impl Display for ScanDeclaration {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.name, self.ty)?;
        if let Some(default) = &self.default {
            write!(f, " = {default}")?;
        }
        Ok(())
    }
}

impl Display for ScanStep {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "step {}", self.name)?;
        if self.optional {
            f.write_str(" optional")?;
        }
        if let Some(output) = self.output {
            write!(f, " output={}", output.name())?;
        }
        write!(f, ": {}", self.condition)?;
        if !self.assignments.is_empty() {
            f.write_str(" => ")?;
            list(f, &self.assignments, ", ")?;
        }
        f.write_char(';')
    }
}

impl Display for ScanAssignment {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.column, self.value)
    }
}

impl Display for SeriesAggregate {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.aggregate)?;
        if let Some(default) = &self.default {
            write!(f, " default = {default}")?;
        }
        Ok(())
    }
}

impl Display for NamedExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.alias {
            Some(Alias::Name(name)) => write!(f, "{name} = ")?,
            Some(Alias::Tuple(names)) => {
                f.write_char('(')?;
                list(f, names, ", ")?;
                f.write_str(") = ")?;
            }
            None => {}
        }
        write!(f, "{}", self.expr)
    }
}

impl Display for ColumnPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ColumnPattern::Name(name) => write!(f, "{name}"),
            ColumnPattern::Wildcard(pattern) => f.write_str(pattern),
        }
    }
}

impl Display for Rename {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.new_name, self.old_name)
    }
}

impl Display for ReorderItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.column)?;
        match self.order {
            Some(ReorderOrder::Asc) => f.write_str(" asc"),
            Some(ReorderOrder::Desc) => f.write_str(" desc"),
            Some(ReorderOrder::GrannyAsc) => f.write_str(" granny-asc"),
            Some(ReorderOrder::GrannyDesc) => f.write_str(" granny-desc"),
            None => Ok(()),
        }
    }
}

impl Display for SortKey {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        match self.order {
            Some(SortOrder::Asc) => f.write_str(" asc")?,
            Some(SortOrder::Desc) => f.write_str(" desc")?,
            None => {}
        }
        match self.nulls {
            Some(NullsPosition::First) => f.write_str(" nulls first"),
            Some(NullsPosition::Last) => f.write_str(" nulls last"),
            None => Ok(()),
        }
    }
}

impl Display for MvExpandItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(name) = &self.name {
            write!(f, "{name} = ")?;
        }
        write!(f, "{}", self.expr)?;
        if let Some(ty) = self.to_type {
            write!(f, " to typeof({ty})")?;
        }
        Ok(())
    }
}

impl Display for ParsePatternItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ParsePatternItem::Star => f.write_char('*'),
            ParsePatternItem::Text(text) => write_string(f, text, '"'),
            ParsePatternItem::Column { name, ty } => {
                write!(f, "{name}")?;
                match ty {
                    Some(ty) => write!(f, ":{ty}"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl Display for RenderProperty {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}=", self.name)?;
        list(f, &self.values, ", ")
    }
}

// -- Scalar -----------------------------------------------------------------------------------

/// How tightly an expression binds when printed, to decide where parentheses are needed.
fn binding(expr: &Expr) -> u8 {
    match &expr.kind {
        ExprKind::Binary { op, .. } => op.precedence(),
        ExprKind::List { .. } | ExprKind::Between { .. } => PREC_COMPARE,
        ExprKind::Unary { .. } => PREC_UNARY,
        ExprKind::Literal(Literal::Long(v)) if *v < 0 => PREC_UNARY,
        ExprKind::Literal(Literal::Real(v)) if v.is_sign_negative() && v.is_finite() => PREC_UNARY,
        ExprKind::Literal(Literal::TimeSpan(v)) if *v < 0 => PREC_UNARY,
        ExprKind::Tabular(_) => 0,
        _ => PREC_UNARY + 1,
    }
}

/// Writes `expr`, in parentheses if it binds less tightly than `min`.
fn operand(f: &mut Formatter<'_>, expr: &Expr, min: u8) -> fmt::Result {
    if binding(expr) < min {
        write!(f, "({expr})")
    } else {
        write!(f, "{expr}")
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(literal) => write!(f, "{literal}"),
            ExprKind::Ident(name) => write!(f, "{name}"),
            ExprKind::JoinColumn { side, column } => {
                let side = match side {
                    JoinSide::Left => "$left",
                    JoinSide::Right => "$right",
                };
                write!(f, "{side}.{column}")
            }
            ExprKind::Member { base, name } => {
                operand(f, base, PREC_UNARY + 1)?;
                let word = name.name.starts_with(super::lexer::is_word_start)
                    && name.name.chars().all(super::lexer::is_word_char);
                if word {
                    write!(f, ".{}", name.name)
                } else {
                    write!(f, ".{name}")
                }
            }
            ExprKind::Index { base, index } => {
                operand(f, base, PREC_UNARY + 1)?;
                write!(f, "[{index}]")
            }
            ExprKind::Call(call) => write!(f, "{call}"),
            ExprKind::Unary { op, operand: inner } => {
                f.write_str(match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Plus => "+",
                })?;
                // A sign directly before a number would become part of the literal; `-+2` is
                // how `-` applied to the literal `2` is written (`-(2)` would add parentheses
                // to the tree).
                let number = matches!(&inner.kind, ExprKind::Literal(_))
                    && inner.to_string().starts_with(|c: char| c.is_ascii_digit());
                if number {
                    write!(f, "+{inner}")
                } else {
                    operand(f, inner, PREC_UNARY)
                }
            }
            ExprKind::Binary { op, left, right } => {
                let precedence = op.precedence();
                operand(f, left, precedence)?;
                write!(f, " {} ", op.as_str())?;
                operand(f, right, precedence + 1)
            }
            ExprKind::List {
                op,
                expr,
                list: items,
            } => {
                operand(f, expr, PREC_COMPARE)?;
                write!(f, " {} (", op.as_str())?;
                list(f, items, ", ")?;
                f.write_char(')')
            }
            ExprKind::Between {
                negated,
                expr,
                low,
                high,
            } => {
                operand(f, expr, PREC_COMPARE)?;
                let keyword = if *negated { "!between" } else { "between" };
                write!(f, " {keyword} ({low} .. {high})")
            }
            ExprKind::Paren(inner) => write!(f, "({inner})"),
            ExprKind::Tabular(tabular) => write!(f, "{tabular}"),
            ExprKind::Wildcard => f.write_char('*'),
            ExprKind::NamedArgument { name, value } => write!(f, "{name} = {value}"),
        }
    }
}

impl Display for FunctionCall {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // Function names are always words; keywords among them (`range`) need no brackets.
        write!(f, "{}(", self.name.name)?;
        list(f, &self.args, ", ")?;
        f.write_char(')')
    }
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Bool(value) => write!(f, "{value}"),
            Literal::Int(value) => write!(f, "int({value})"),
            Literal::Long(value) => write!(f, "{value}"),
            Literal::Real(value) => write_real(f, *value),
            Literal::Decimal(text) => write!(f, "decimal({text})"),
            Literal::String(value) => write_string(f, value, '"'),
            Literal::DateTime(text) => write!(f, "datetime({text})"),
            Literal::TimeSpan(ticks) => write_timespan(f, *ticks),
            Literal::Guid(text) => write!(f, "guid({text})"),
            Literal::Dynamic(value) => write!(f, "dynamic({value})"),
            Literal::Null(ty) => write!(f, "{ty}(null)"),
        }
    }
}

impl Display for Dynamic {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Dynamic::Null => f.write_str("null"),
            Dynamic::Bool(value) => write!(f, "{value}"),
            Dynamic::Long(value) => write!(f, "{value}"),
            Dynamic::Real(value) if value.is_finite() => write!(f, "{value:?}"),
            Dynamic::Real(_) => f.write_str("null"),
            Dynamic::String(value) => write_string(f, value, '"'),
            Dynamic::DateTime(text) => write!(f, "datetime({text})"),
            Dynamic::TimeSpan(ticks) => write_timespan(f, *ticks),
            Dynamic::Guid(text) => write!(f, "guid({text})"),
            Dynamic::Array(items) => {
                f.write_char('[')?;
                list(f, items, ", ")?;
                f.write_char(']')
            }
            Dynamic::Object(members) => {
                f.write_char('{')?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write_string(f, key, '"')?;
                    write!(f, ": {value}")?;
                }
                f.write_char('}')
            }
        }
    }
}

impl Display for GraphPath {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        for (edge, node) in &self.steps {
            write!(f, "{edge}{node}")?;
        }
        Ok(())
    }
}

impl Display for GraphNodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.var {
            Some(var) => write!(f, "({var})"),
            None => f.write_str("()"),
        }
    }
}

impl Display for GraphEdgePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (open, close) = match self.direction {
            EdgeDirection::Right => ("-", "->"),
            EdgeDirection::Left => ("<-", "-"),
            EdgeDirection::Any => ("-", "-"),
        };
        if self.var.is_none() && self.range.is_none() {
            return write!(f, "{open}{close}");
        }
        write!(f, "{open}[")?;
        if let Some(var) = &self.var {
            write!(f, "{var}")?;
        }
        if let Some((min, max)) = self.range {
            write!(f, "*{min}..{max}")?;
        }
        write!(f, "]{close}")
    }
}
