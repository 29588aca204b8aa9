//! The syntax tree of a KQL query.
//!
//! Nodes that stand for a piece of text carry a [`Span`] (byte offsets into the query). Equality
//! ignores spans, so two trees are equal when they have the same structure, whatever their layout
//! in the source: `parse(&parse(q)?.to_string())? == parse(q)?`.
//!
//! Literals stay close to the source: datetimes keep their raw text (converted by the planner),
//! timespans are converted to ticks (100 ns units) because their forms are validated here.

use crate::diagnostic::Span;

/// Implements `PartialEq` by comparing the listed fields, leaving out the span.
macro_rules! eq_ignoring_span {
    ($($ty:ident { $($field:ident),+ })*) => {
        $(impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                $(self.$field == other.$field)&&+
            }
        })*
    };
}

eq_ignoring_span! {
    Query { statements }
    Statement { kind }
    Ident { name }
    Expr { kind }
    TabularExpr { source, operators }
    Source { kind }
    Operator { kind }
    GraphNodePattern { var }
    GraphEdgePattern { var, direction, range }
}

/// A whole query: `let` statements and query statements separated by `;`.
#[derive(Clone, Debug)]
pub struct Query {
    pub statements: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub kind: StatementKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StatementKind {
    Let(LetStatement),
    /// `set name [= value]`: a query option (`query_now`, `query_bin_auto_size`, ...).
    Set(SetStatement),
    /// A tabular expression whose result is returned.
    Query(TabularExpr),
}

/// `set name [= value]`.
#[derive(Clone, Debug, PartialEq)]
pub struct SetStatement {
    pub name: Ident,
    pub value: Option<Expr>,
}

/// `let name = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct LetStatement {
    pub name: Ident,
    pub value: LetValue,
}

/// The right-hand side of `let`.
///
/// A bare name or call (`let A = B;`, `let A = f(1);`) cannot be classified by syntax alone: it is
/// a [`LetValue::Scalar`] and the planner decides whether it names a table.
#[derive(Clone, Debug, PartialEq)]
pub enum LetValue {
    Scalar(Expr),
    Tabular(TabularExpr),
    Function(FunctionDef),
}

/// `(a:long, b:string = "x") { body }` or `view () { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    pub view: bool,
    pub params: Vec<Param>,
    pub body: FunctionBody,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    pub ty: ParamType,
    pub default: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParamType {
    Scalar(ScalarType),
    Tabular(TabularSchema),
}

/// `(*)` (any columns: `open`), `(a:long, b:string)`, or both: `(*, a:long)`.
#[derive(Clone, Debug, PartialEq)]
pub struct TabularSchema {
    pub columns: Vec<ColumnDef>,
    pub open: bool,
}

/// `{ let x = 1; ...; result }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionBody {
    pub lets: Vec<LetStatement>,
    pub result: Body,
}

/// The value of a function body. As with [`LetValue`], a bare name is a `Scalar`.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Scalar(Expr),
    Tabular(TabularExpr),
}

/// `name:type`, in `datatable` and tabular parameter schemas.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnDef {
    pub name: Ident,
    pub ty: ScalarType,
}

/// A name: a column, table, variable, function or parameter. `['a b']` is the name `a b`.
/// Equality and hashing look at the name only.
#[derive(Clone, Debug, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

impl std::hash::Hash for Ident {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl Ident {
    pub fn new(name: impl Into<String>, span: Span) -> Self {
        Ident {
            name: name.into(),
            span,
        }
    }
}

/// KQL's scalar types. Aliases (`boolean`, `double`, `date`, `time`, `uniqueid`) map to the
/// canonical type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarType {
    Bool,
    Int,
    Long,
    Real,
    Decimal,
    String,
    DateTime,
    TimeSpan,
    Guid,
    Dynamic,
}

impl ScalarType {
    pub fn from_name(name: &str) -> Option<ScalarType> {
        Some(match name {
            "bool" | "boolean" => ScalarType::Bool,
            "int" => ScalarType::Int,
            "long" => ScalarType::Long,
            "real" | "double" => ScalarType::Real,
            "decimal" => ScalarType::Decimal,
            "string" => ScalarType::String,
            "datetime" | "date" => ScalarType::DateTime,
            "timespan" | "time" => ScalarType::TimeSpan,
            "guid" | "uniqueid" => ScalarType::Guid,
            "dynamic" => ScalarType::Dynamic,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ScalarType::Bool => "bool",
            ScalarType::Int => "int",
            ScalarType::Long => "long",
            ScalarType::Real => "real",
            ScalarType::Decimal => "decimal",
            ScalarType::String => "string",
            ScalarType::DateTime => "datetime",
            ScalarType::TimeSpan => "timespan",
            ScalarType::Guid => "guid",
            ScalarType::Dynamic => "dynamic",
        }
    }

    /// Every spelling accepted by [`ScalarType::from_name`].
    pub const NAMES: &'static [&'static str] = &[
        "bool", "boolean", "int", "long", "real", "double", "decimal", "string", "datetime",
        "date", "timespan", "time", "guid", "uniqueid", "dynamic",
    ];
}

// ---------------------------------------------------------------------------------------------
// Tabular expressions
// ---------------------------------------------------------------------------------------------

/// A source followed by `| operator` steps.
#[derive(Clone, Debug)]
pub struct TabularExpr {
    pub source: Source,
    pub operators: Vec<Operator>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Source {
    pub kind: SourceKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SourceKind {
    /// A table or tabular variable: `Events`, `['my table']`.
    Table(Ident),
    /// A call of a tabular function: `f(1)`, `materialize(T | ...)`, `view` names.
    Call(FunctionCall),
    /// `datatable(a:long, b:string) [1, "x", 2, "y"]`.
    Datatable(Datatable),
    /// `print x = 1, 2`.
    Print(Vec<NamedExpr>),
    /// `range x from 1 to 10 step 1`.
    Range(Box<Range>),
    /// `union T1, T2` at the start of a query.
    Union(Union),
    /// `(T | where x > 1)`.
    Paren(Box<TabularExpr>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Datatable {
    pub columns: Vec<ColumnDef>,
    /// The cells, row by row (`values.len()` is a multiple of `columns.len()` in valid queries).
    pub values: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    pub column: Ident,
    pub from: Expr,
    pub to: Expr,
    pub step: Expr,
}

#[derive(Clone, Debug)]
pub struct Operator {
    pub kind: OperatorKind,
    pub span: Span,
}

/// One tabular operator after `|`. Synonyms share a variant (`filter` is `Where`, `limit` is
/// `Take`, `order` is `Sort`) and print as the canonical name.
#[derive(Clone, Debug, PartialEq)]
pub enum OperatorKind {
    Where(Expr),
    Extend(Vec<NamedExpr>),
    Project(Vec<NamedExpr>),
    ProjectAway(Vec<ColumnPattern>),
    ProjectKeep(Vec<ColumnPattern>),
    /// `project-by-names "a", "C*", dynamic(["x"]), ...`: names and patterns computed by constant
    /// expressions.
    ProjectByNames(Vec<Expr>),
    /// `project-rename new = old, ...`.
    ProjectRename(Vec<Rename>),
    ProjectReorder(Vec<ReorderItem>),
    Summarize(Summarize),
    Count,
    Take(Expr),
    Sort(Vec<SortKey>),
    Top(Box<Top>),
    /// `top-hitters N of Value [by Summing]`.
    TopHitters(Box<TopHitters>),
    /// `sample N`: up to N rows picked at random.
    Sample(Expr),
    /// `sample-distinct N of Column`: up to N distinct values.
    SampleDistinct(Box<SampleDistinct>),
    Distinct(Distinct),
    MvExpand(Box<MvExpand>),
    Parse(Box<Parse>),
    /// `parse-where`: `parse` that drops the rows that do not match.
    ParseWhere(Box<Parse>),
    ParseKv(Box<ParseKv>),
    Partition(Box<Partition>),
    TopNested(TopNested),
    Join(Join),
    Union(Union),
    Lookup(Lookup),
    As(As),
    GetSchema,
    /// `serialize [name = expr, ...]`.
    Serialize(Vec<NamedExpr>),
    Invoke(FunctionCall),
    Render(Render),
    Evaluate(Evaluate),
    MvApply(Box<MvApply>),
    MakeSeries(Box<MakeSeries>),
    Scan(Box<Scan>),
    MakeGraph(Box<MakeGraph>),
    GraphMatch(Box<GraphMatch>),
    GraphShortestPaths(Box<GraphMatch>),
    GraphToTable(GraphToTable),
    GraphMarkComponents(GraphMarkComponents),
}

impl OperatorKind {
    /// The canonical name of the operator, as printed.
    pub fn name(&self) -> &'static str {
        match self {
            OperatorKind::Where(_) => "where",
            OperatorKind::Extend(_) => "extend",
            OperatorKind::Project(_) => "project",
            OperatorKind::ProjectAway(_) => "project-away",
            OperatorKind::ProjectKeep(_) => "project-keep",
            OperatorKind::ProjectByNames(_) => "project-by-names",
            OperatorKind::TopHitters(_) => "top-hitters",
            OperatorKind::Sample(_) => "sample",
            OperatorKind::SampleDistinct(_) => "sample-distinct",
            OperatorKind::ProjectRename(_) => "project-rename",
            OperatorKind::ProjectReorder(_) => "project-reorder",
            OperatorKind::Summarize(_) => "summarize",
            OperatorKind::Count => "count",
            OperatorKind::Take(_) => "take",
            OperatorKind::Sort(_) => "sort",
            OperatorKind::Top(_) => "top",
            OperatorKind::Distinct(_) => "distinct",
            OperatorKind::MvExpand(_) => "mv-expand",
            OperatorKind::Parse(_) => "parse",
            OperatorKind::ParseWhere(_) => "parse-where",
            OperatorKind::ParseKv(_) => "parse-kv",
            OperatorKind::Partition(_) => "partition",
            OperatorKind::TopNested(_) => "top-nested",
            OperatorKind::Join(_) => "join",
            OperatorKind::Union(_) => "union",
            OperatorKind::Lookup(_) => "lookup",
            OperatorKind::As(_) => "as",
            OperatorKind::GetSchema => "getschema",
            OperatorKind::Serialize(_) => "serialize",
            OperatorKind::Invoke(_) => "invoke",
            OperatorKind::Render(_) => "render",
            OperatorKind::Evaluate(_) => "evaluate",
            OperatorKind::MvApply(_) => "mv-apply",
            OperatorKind::MakeSeries(_) => "make-series",
            OperatorKind::Scan(_) => "scan",
            OperatorKind::MakeGraph(_) => "make-graph",
            OperatorKind::GraphMatch(_) => "graph-match",
            OperatorKind::GraphShortestPaths(_) => "graph-shortest-paths",
            OperatorKind::GraphToTable(_) => "graph-to-table",
            OperatorKind::GraphMarkComponents(_) => "graph-mark-components",
        }
    }
}

/// `[name =] expr` or `(a, b) = expr`, in `extend`, `project`, `summarize`, `print`, ...
#[derive(Clone, Debug, PartialEq)]
pub struct NamedExpr {
    pub alias: Option<Alias>,
    pub expr: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Alias {
    Name(Ident),
    /// `(a, b) = expr`, for functions that return several values (`arg_max`, ...).
    Tuple(Vec<Ident>),
}

/// A column name or a wildcard pattern such as `Col*`.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnPattern {
    Name(Ident),
    /// The pattern text, with `*` for any characters.
    Wildcard(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    pub new_name: Ident,
    pub old_name: Ident,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReorderItem {
    pub column: ColumnPattern,
    pub order: Option<ReorderOrder>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReorderOrder {
    Asc,
    Desc,
    GrannyAsc,
    GrannyDesc,
}

/// `hint.name=value`: kept for printing, ignored by the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub name: String,
    /// The value's source text (`shuffle`, `10`, `true`, `"x"`).
    pub value: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summarize {
    pub hints: Vec<Hint>,
    pub aggregates: Vec<NamedExpr>,
    pub by: Vec<NamedExpr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SortKey {
    pub expr: Expr,
    /// `None` when not written (KQL sorts descending by default).
    pub order: Option<SortOrder>,
    /// `None` when not written (the default depends on the order).
    pub nulls: Option<NullsPosition>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullsPosition {
    First,
    Last,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Top {
    pub count: Expr,
    pub key: SortKey,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TopHitters {
    pub count: Expr,
    pub value: NamedExpr,
    pub by: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SampleDistinct {
    pub count: Expr,
    pub column: NamedExpr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Distinct {
    pub hints: Vec<Hint>,
    /// Empty for `distinct *`.
    pub columns: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MvExpand {
    /// `bagexpansion=` (or its synonym `kind=`).
    pub bag_expansion: Option<BagExpansion>,
    pub with_item_index: Option<Ident>,
    pub items: Vec<MvExpandItem>,
    pub limit: Option<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BagExpansion {
    Bag,
    Array,
}

/// `[name =] expr [to typeof(type)]`.
#[derive(Clone, Debug, PartialEq)]
pub struct MvExpandItem {
    pub name: Option<Ident>,
    pub expr: Expr,
    pub to_type: Option<ScalarType>,
}

/// `parse [kind=...] [flags=...] expr with pattern`.
#[derive(Clone, Debug, PartialEq)]
pub struct Parse {
    pub kind: Option<ParseKind>,
    /// Regex flags (`flags=Ui`), only with `kind=regex`.
    pub flags: Option<String>,
    pub expr: Expr,
    pub pattern: Vec<ParsePatternItem>,
}

/// `parse-kv expr as (key:type, ...) [with (name = value, ...)]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseKv {
    pub expr: Expr,
    pub keys: Vec<ColumnDef>,
    /// `pair_delimiter`, `kv_delimiter`, `quote`, `escape`, `greedy`, `regex`, as written.
    pub options: Vec<(Ident, Expr)>,
}

/// `partition [hints] by Col (operators)`: the operators run on each value's rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Partition {
    pub hints: Vec<Hint>,
    pub by: Ident,
    /// Operators without a source.
    pub subquery: Vec<Operator>,
}

/// `top-nested [N] of Expr [with others = V] by Aggregate [asc|desc], top-nested ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct TopNested {
    pub levels: Vec<TopNestedLevel>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TopNestedLevel {
    pub count: Option<Expr>,
    pub of: NamedExpr,
    pub others: Option<Expr>,
    pub by: NamedExpr,
    pub order: Option<SortOrder>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseKind {
    Simple,
    Regex,
    Relaxed,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParsePatternItem {
    /// `*`: skip any text.
    Star,
    /// A string literal to match (a regular expression with `kind=regex`).
    Text(String),
    /// `name[:type]`: capture into a column.
    Column { name: Ident, ty: Option<ScalarType> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Join {
    pub kind: Option<JoinKind>,
    pub hints: Vec<Hint>,
    /// The right side; parentheses are not kept.
    pub right: Box<TabularExpr>,
    /// `on a, b` (column names) or `on $left.a == $right.b and ...`, as written.
    pub on: Vec<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinKind {
    Inner,
    InnerUnique,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftAnti,
    RightAnti,
    LeftSemi,
    RightSemi,
    /// `anti`, a synonym of `leftanti`, kept as written.
    Anti,
    LeftAntiSemi,
    RightAntiSemi,
}

impl JoinKind {
    pub const ALL: &'static [JoinKind] = &[
        JoinKind::Inner,
        JoinKind::InnerUnique,
        JoinKind::LeftOuter,
        JoinKind::RightOuter,
        JoinKind::FullOuter,
        JoinKind::LeftAnti,
        JoinKind::RightAnti,
        JoinKind::LeftSemi,
        JoinKind::RightSemi,
        JoinKind::Anti,
        JoinKind::LeftAntiSemi,
        JoinKind::RightAntiSemi,
    ];

    pub fn name(self) -> &'static str {
        match self {
            JoinKind::Inner => "inner",
            JoinKind::InnerUnique => "innerunique",
            JoinKind::LeftOuter => "leftouter",
            JoinKind::RightOuter => "rightouter",
            JoinKind::FullOuter => "fullouter",
            JoinKind::LeftAnti => "leftanti",
            JoinKind::RightAnti => "rightanti",
            JoinKind::LeftSemi => "leftsemi",
            JoinKind::RightSemi => "rightsemi",
            JoinKind::Anti => "anti",
            JoinKind::LeftAntiSemi => "leftantisemi",
            JoinKind::RightAntiSemi => "rightantisemi",
        }
    }
}

/// `union [kind=...] [withsource=Name] [isfuzzy=bool] T1, T2*, (T3 | ...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    pub kind: Option<UnionKind>,
    pub with_source: Option<Ident>,
    pub is_fuzzy: Option<bool>,
    pub hints: Vec<Hint>,
    pub tables: Vec<UnionTable>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnionKind {
    Inner,
    Outer,
}

#[derive(Clone, Debug, PartialEq)]
pub enum UnionTable {
    /// A table, call or parenthesised query (parentheses not kept).
    Tabular(TabularExpr),
    /// A table-name pattern such as `Cloud*`.
    Wildcard(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    pub kind: Option<LookupKind>,
    pub right: Box<TabularExpr>,
    pub on: Vec<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupKind {
    LeftOuter,
    Inner,
}

/// `as [hint.materialized=true] Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct As {
    pub hints: Vec<Hint>,
    pub name: Ident,
}

/// `render chart [with (name=value, ...)]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Render {
    pub chart: Ident,
    pub properties: Vec<RenderProperty>,
}

/// `name=value`; several values for list properties such as `ycolumns=a, b`.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderProperty {
    pub name: Ident,
    pub values: Vec<Expr>,
}

/// `evaluate [hints] plugin(args) [: schema]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluate {
    pub hints: Vec<Hint>,
    pub plugin: FunctionCall,
    /// The declared output schema after `:`.
    pub output_schema: Option<TabularSchema>,
}

/// `mv-apply [with_itemindex=I] items [limit n] on (operators)`.
#[derive(Clone, Debug, PartialEq)]
pub struct MvApply {
    pub with_item_index: Option<Ident>,
    pub items: Vec<MvExpandItem>,
    pub limit: Option<Expr>,
    /// The subquery applied to each row's expanded rows: operators without a source.
    pub subquery: Vec<Operator>,
}

/// `make-series [kind=nonempty] [hints] aggregates on axis [from a] [to b] step s [by keys]`.
#[derive(Clone, Debug, PartialEq)]
pub struct MakeSeries {
    /// `kind=nonempty`.
    pub nonempty: bool,
    pub hints: Vec<Hint>,
    pub aggregates: Vec<SeriesAggregate>,
    pub axis: Expr,
    pub from: Option<Expr>,
    pub to: Option<Expr>,
    pub step: Expr,
    pub by: Vec<NamedExpr>,
}

/// `scan [with_match_id = Name] [declare (Col: type [= default], ...)] with (step ...; ...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Scan {
    /// `with_match_id = Name`: a `long` column numbering the matches from 0.
    pub match_id: Option<Ident>,
    /// `declare (...)`: the columns the steps assign, added to the input's.
    pub declare: Vec<ScanDeclaration>,
    pub steps: Vec<ScanStep>,
}

/// `Col: type [= default]` in the `declare` clause of `scan`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanDeclaration {
    pub name: Ident,
    pub ty: ScalarType,
    pub default: Option<Expr>,
}

/// `step Name [optional] [output = all|last|none] : Condition [=> Col = Value, ...];`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanStep {
    pub name: Ident,
    pub optional: bool,
    /// `None` when not written (the default, `all`).
    pub output: Option<ScanOutput>,
    pub condition: Expr,
    pub assignments: Vec<ScanAssignment>,
}

/// `Col = Value` after `=>` in a `scan` step.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanAssignment {
    pub column: Ident,
    pub value: Expr,
}

/// Which matches of a `scan` step are output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScanOutput {
    All,
    Last,
    None,
}

impl ScanOutput {
    pub fn name(self) -> &'static str {
        match self {
            ScanOutput::All => "all",
            ScanOutput::Last => "last",
            ScanOutput::None => "none",
        }
    }
}

/// `[name =] aggregation [default = value]`.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesAggregate {
    pub aggregate: NamedExpr,
    pub default: Option<Expr>,
}

/// `make-graph source --> target [with_node_id=name | with T on key [, T2 on key2]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct MakeGraph {
    /// The edges' column of source node ids.
    pub source: Ident,
    /// The edges' column of target node ids.
    pub target: Ident,
    pub nodes: GraphNodes,
}

/// Where a graph's nodes come from.
#[derive(Clone, Debug, PartialEq)]
pub enum GraphNodes {
    /// Only from the edges, each node's one property unnamed (`with_node_id` absent).
    FromEdges,
    /// Only from the edges, each node's id in a property of this name (`with_node_id=name`).
    NodeId(Ident),
    /// `with T on key, ...`: tables of nodes and their id columns.
    Tables(Vec<GraphNodesTable>),
}

/// `T on key` in `make-graph ... with`.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphNodesTable {
    pub table: TabularExpr,
    pub key: Ident,
}

/// `graph-match [cycles=...] pattern [where ...] project ...`, and `graph-shortest-paths
/// [output=...]` with the same parts (`option` is `cycles` or `output`).
#[derive(Clone, Debug, PartialEq)]
pub struct GraphMatch {
    /// `cycles=all|none|unique_edges` or `output=any|all`: the value's word.
    pub option: Option<Ident>,
    /// Comma-separated path patterns.
    pub patterns: Vec<GraphPath>,
    pub condition: Option<Expr>,
    pub project: Vec<NamedExpr>,
}

/// `(a)-[e]->(b)<-[f*1..3]-(c)`: a node, then edges each followed by a node.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphPath {
    pub first: GraphNodePattern,
    pub steps: Vec<(GraphEdgePattern, GraphNodePattern)>,
}

/// `(n)` or `()`.
#[derive(Clone, Debug)]
pub struct GraphNodePattern {
    pub var: Option<Ident>,
    pub span: Span,
}

/// `-[e]->`, `<-[e]-`, `-[e]-`, `-[e*1..5]->`, `-->`, `<--`, `--`.
#[derive(Clone, Debug)]
pub struct GraphEdgePattern {
    pub var: Option<Ident>,
    pub direction: EdgeDirection,
    /// `*min..max`: a variable-length edge.
    pub range: Option<(i64, i64)>,
    pub span: Span,
}

/// The direction of an edge pattern, as written left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd)]
pub enum EdgeDirection {
    /// `-[e]->`
    Right,
    /// `<-[e]-`
    Left,
    /// `-[e]-`
    Any,
}

/// `graph-to-table nodes [with_node_id=C]` or `graph-to-table edges [with_source_id=C]
/// [with_target_id=C]`.
#[derive(Clone, Debug, PartialEq)]
pub enum GraphToTable {
    Nodes {
        node_id: Option<Ident>,
    },
    Edges {
        source_id: Option<Ident>,
        target_id: Option<Ident>,
    },
}

/// `graph-mark-components [kind=weak|strong] [with_component_id=name]`.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphMarkComponents {
    /// `kind=strong`.
    pub strong: Option<bool>,
    pub component_id: Option<Ident>,
}

// ---------------------------------------------------------------------------------------------
// Scalar expressions
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Literal(Literal),
    /// A column, variable or table name.
    Ident(Ident),
    /// `$left.name` / `$right.name` in join conditions.
    JoinColumn {
        side: JoinSide,
        column: Ident,
    },
    /// `base.name`.
    Member {
        base: Box<Expr>,
        name: Ident,
    },
    /// `base[index]`: `a["key"]`, `a[0]`, `a[-1]`.
    Index {
        base: Box<Expr>,
        index: Box<Expr>,
    },
    Call(FunctionCall),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `expr in (a, b)`, `expr has_any (...)`, ...; an element may be a tabular subquery.
    List {
        op: ListOp,
        expr: Box<Expr>,
        list: Vec<Expr>,
    },
    /// `expr [!]between (low .. high)`.
    Between {
        negated: bool,
        expr: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    /// `(expr)`, kept so that printing reproduces the source's grouping.
    Paren(Box<Expr>),
    /// A tabular expression used as a value: `toscalar(T | count)`, `x in (T | project y)`.
    Tabular(Box<TabularExpr>),
    /// `*` as a function argument: `count(*)`, `arg_max(x, *)`.
    Wildcard,
    /// `name = value` as a function argument: `f(x = 1)`.
    NamedArgument {
        name: Ident,
        value: Box<Expr>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinSide {
    Left,
    Right,
}

/// `name(args)`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionCall {
    pub name: Ident,
    pub args: Vec<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Plus,
}

/// Binary operators. [`BinaryOp::precedence`] gives Kusto's binding strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    /// `=~`: equal ignoring case.
    EqCi,
    /// `!~`.
    NotEqCi,
    Has,
    NotHas,
    HasCs,
    NotHasCs,
    HasPrefix,
    NotHasPrefix,
    HasPrefixCs,
    NotHasPrefixCs,
    HasSuffix,
    NotHasSuffix,
    HasSuffixCs,
    NotHasSuffixCs,
    Contains,
    NotContains,
    ContainsCs,
    NotContainsCs,
    StartsWith,
    NotStartsWith,
    StartsWithCs,
    NotStartsWithCs,
    EndsWith,
    NotEndsWith,
    EndsWithCs,
    NotEndsWithCs,
    MatchesRegex,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// Precedence levels, lowest first.
pub(crate) const PREC_OR: u8 = 1;
pub(crate) const PREC_AND: u8 = 2;
pub(crate) const PREC_COMPARE: u8 = 3;
pub(crate) const PREC_ADD: u8 = 4;
pub(crate) const PREC_MUL: u8 = 5;
/// Unary operators and everything tighter (postfix, primaries).
pub(crate) const PREC_UNARY: u8 = 6;

impl BinaryOp {
    pub const ALL: &'static [BinaryOp] = &[
        BinaryOp::Or,
        BinaryOp::And,
        BinaryOp::Eq,
        BinaryOp::NotEq,
        BinaryOp::Lt,
        BinaryOp::Le,
        BinaryOp::Gt,
        BinaryOp::Ge,
        BinaryOp::EqCi,
        BinaryOp::NotEqCi,
        BinaryOp::Has,
        BinaryOp::NotHas,
        BinaryOp::HasCs,
        BinaryOp::NotHasCs,
        BinaryOp::HasPrefix,
        BinaryOp::NotHasPrefix,
        BinaryOp::HasPrefixCs,
        BinaryOp::NotHasPrefixCs,
        BinaryOp::HasSuffix,
        BinaryOp::NotHasSuffix,
        BinaryOp::HasSuffixCs,
        BinaryOp::NotHasSuffixCs,
        BinaryOp::Contains,
        BinaryOp::NotContains,
        BinaryOp::ContainsCs,
        BinaryOp::NotContainsCs,
        BinaryOp::StartsWith,
        BinaryOp::NotStartsWith,
        BinaryOp::StartsWithCs,
        BinaryOp::NotStartsWithCs,
        BinaryOp::EndsWith,
        BinaryOp::NotEndsWith,
        BinaryOp::EndsWithCs,
        BinaryOp::NotEndsWithCs,
        BinaryOp::MatchesRegex,
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Mod,
    ];

    /// The operator as written in KQL.
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::EqCi => "=~",
            BinaryOp::NotEqCi => "!~",
            BinaryOp::Has => "has",
            BinaryOp::NotHas => "!has",
            BinaryOp::HasCs => "has_cs",
            BinaryOp::NotHasCs => "!has_cs",
            BinaryOp::HasPrefix => "hasprefix",
            BinaryOp::NotHasPrefix => "!hasprefix",
            BinaryOp::HasPrefixCs => "hasprefix_cs",
            BinaryOp::NotHasPrefixCs => "!hasprefix_cs",
            BinaryOp::HasSuffix => "hassuffix",
            BinaryOp::NotHasSuffix => "!hassuffix",
            BinaryOp::HasSuffixCs => "hassuffix_cs",
            BinaryOp::NotHasSuffixCs => "!hassuffix_cs",
            BinaryOp::Contains => "contains",
            BinaryOp::NotContains => "!contains",
            BinaryOp::ContainsCs => "contains_cs",
            BinaryOp::NotContainsCs => "!contains_cs",
            BinaryOp::StartsWith => "startswith",
            BinaryOp::NotStartsWith => "!startswith",
            BinaryOp::StartsWithCs => "startswith_cs",
            BinaryOp::NotStartsWithCs => "!startswith_cs",
            BinaryOp::EndsWith => "endswith",
            BinaryOp::NotEndsWith => "!endswith",
            BinaryOp::EndsWithCs => "endswith_cs",
            BinaryOp::NotEndsWithCs => "!endswith_cs",
            BinaryOp::MatchesRegex => "matches regex",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
        }
    }

    /// Binding strength; all binary operators are left-associative.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => PREC_OR,
            BinaryOp::And => PREC_AND,
            BinaryOp::Add | BinaryOp::Sub => PREC_ADD,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => PREC_MUL,
            _ => PREC_COMPARE,
        }
    }

    /// The operator spelled as a word (`has`, `!contains`, ...), if it is one; `matches regex` is
    /// handled separately as it is two words.
    pub(crate) fn from_word(word: &str) -> Option<BinaryOp> {
        BinaryOp::ALL.iter().copied().find(|op| {
            op.as_str() == word
                && op
                    .as_str()
                    .trim_start_matches('!')
                    .starts_with(|c: char| c.is_ascii_alphabetic())
        })
    }
}

/// Operators whose right operand is a parenthesised list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListOp {
    In,
    NotIn,
    /// `in~`: case-insensitive.
    InCi,
    NotInCi,
    HasAny,
    HasAll,
}

impl ListOp {
    pub const ALL: &'static [ListOp] = &[
        ListOp::In,
        ListOp::NotIn,
        ListOp::InCi,
        ListOp::NotInCi,
        ListOp::HasAny,
        ListOp::HasAll,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ListOp::In => "in",
            ListOp::NotIn => "!in",
            ListOp::InCi => "in~",
            ListOp::NotInCi => "!in~",
            ListOp::HasAny => "has_any",
            ListOp::HasAll => "has_all",
        }
    }
}

/// A literal value, close to its source form.
#[derive(Clone, Debug)]
pub enum Literal {
    Bool(bool),
    /// `int(5)`.
    Int(i32),
    /// `5`, `long(5)`, `0x1F`, `-5`.
    Long(i64),
    /// `1.5`, `1e3`, `.5`, `real(nan)`, `real(+inf)`.
    Real(f64),
    /// `decimal(...)`: the raw text inside the parentheses.
    Decimal(String),
    /// The unescaped value; adjacent literals are already concatenated.
    String(String),
    /// `datetime(...)`: the raw text inside the parentheses, trimmed.
    DateTime(String),
    /// `1d`, `1.5h`, `time(1.02:03:04)`: a duration in ticks of 100 ns.
    TimeSpan(i64),
    /// `guid(...)`: the raw text inside the parentheses, trimmed.
    Guid(String),
    /// `dynamic(...)` other than `dynamic(null)`.
    Dynamic(Dynamic),
    /// `long(null)`, `datetime(null)`, `dynamic(null)`, ...
    Null(ScalarType),
}

/// The content of a `dynamic(...)` literal: JSON plus KQL's datetime and timespan literals.
#[derive(Clone, Debug)]
pub enum Dynamic {
    Null,
    Bool(bool),
    Long(i64),
    Real(f64),
    String(String),
    DateTime(String),
    TimeSpan(i64),
    Guid(String),
    Array(Vec<Dynamic>),
    /// Keys in source order.
    Object(Vec<(String, Dynamic)>),
}

/// Reals compare by value, with NaN equal to NaN, so that trees compare structurally.
fn same_real(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

impl PartialEq for Literal {
    fn eq(&self, other: &Self) -> bool {
        use Literal::*;
        match (self, other) {
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Long(a), Long(b)) => a == b,
            (Real(a), Real(b)) => same_real(*a, *b),
            (Decimal(a), Decimal(b))
            | (String(a), String(b))
            | (DateTime(a), DateTime(b))
            | (Guid(a), Guid(b)) => a == b,
            (TimeSpan(a), TimeSpan(b)) => a == b,
            (Dynamic(a), Dynamic(b)) => a == b,
            (Null(a), Null(b)) => a == b,
            _ => false,
        }
    }
}

impl PartialEq for Dynamic {
    fn eq(&self, other: &Self) -> bool {
        use Dynamic::*;
        match (self, other) {
            (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            (Long(a), Long(b)) => a == b,
            (Real(a), Real(b)) => same_real(*a, *b),
            (String(a), String(b)) | (DateTime(a), DateTime(b)) | (Guid(a), Guid(b)) => a == b,
            (TimeSpan(a), TimeSpan(b)) => a == b,
            (Array(a), Array(b)) => a == b,
            (Object(a), Object(b)) => a == b,
            _ => false,
        }
    }
}
