//! Executing `scan` (planned as a [`ScanNode`], see `plan::scan`): [`ScanExec`] reads its one
//! input partition in order, batch by batch, and keeps only the state of each step (per value
//! of the partition column inside `partition`); output batches are emitted as input batches are
//! processed.
//!
//! Each input record is checked against the steps from the last to the first, as documented for
//! Kusto's `scan`:
//!
//! * **Check 1**: when the state of the previous step is not empty and the record meets the
//!   step's condition (evaluated with the previous step's state), the state of the step is
//!   replaced by the previous step's state, which moves (the sequence advances); the record,
//!   extended by the step's assignments, becomes the step's entry in that state and is output.
//!   An `optional` previous step with an empty state is passed over: the state of the step
//!   before it moves, the skipped steps' entries holding their defaults.
//! * **Check 2**, only when check 1 did not match: when the step's own state is not empty (or
//!   the step is the first one, or every step before it is optional), and the record meets the
//!   condition evaluated with that state, the extended record replaces the step's entry in its
//!   state and is output. A match on an empty state starts a new sequence: the next match id.
//!
//! `Step.Col` reads the entry of `Step` in the state the condition is evaluated with; an entry
//! that is not there reads the column's default (`null`, or the declared default). A step with
//! `output=none` outputs nothing; with `output=last`, only the last record of each series of
//! matches of the step, output when the series ends (the sequence moves on, is replaced, or
//! the input ends). A record that matches several steps is output once per matching step.
//!
//! Conditions and assignments are DataFusion physical expressions over the input's columns plus
//! the state columns. Those that read no state are evaluated once per batch; the others once per
//! record, over a one-row batch of the record and the state's values.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Int64Array, UInt32Array};
use datafusion::arrow::compute::{cast, concat_batches, take};
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::arrow::record_batch::{RecordBatch, RecordBatchOptions};
use datafusion::catalog::Session;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DFSchema, ScalarValue, internal_err};
use datafusion::error::Result;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext;
use datafusion::logical_expr::{ColumnarValue, LogicalPlan, UserDefinedLogicalNode};
use datafusion::physical_expr::utils::collect_columns;
use datafusion::physical_expr::{EquivalenceProperties, OrderingRequirements};
use datafusion::physical_plan::execution_plan::EmissionType;

use super::physical;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    ChildrenPropertiesMode, DisplayAs, DisplayFormatType, Distribution, ExecutionPlan,
    ExecutionPlanProperties, InputDistributionRequirements, Partitioning, PhysicalExpr,
    PlanProperties, ReplaceChildrenOptions,
};
use datafusion::physical_planner::{ExtensionPlanner, PhysicalPlanner};
use futures::StreamExt;

use crate::plan::scan::{ScanNode, ScanSpec};
use crate::syntax::ScanOutput;

/// Turns a [`ScanNode`] into a [`ScanExec`].
#[derive(Debug, Default)]
pub struct ScanPlanner;

#[async_trait]
impl ExtensionPlanner for ScanPlanner {
    async fn plan_extension(
        &self,
        _planner: &dyn PhysicalPlanner,
        node: &dyn UserDefinedLogicalNode,
        _logical_inputs: &[&LogicalPlan],
        physical_inputs: &[Arc<dyn ExecutionPlan>],
        session: &dyn Session,
        _planning_ctx: &PhysicalPlanningContext,
    ) -> Result<Option<Arc<dyn ExecutionPlan>>> {
        let Some(scan) = node.as_any().downcast_ref::<ScanNode>() else {
            return Ok(None);
        };
        let [input] = physical_inputs else {
            return internal_err!("KqlScan has one input");
        };
        let program = Program::compile(&scan.spec, Arc::clone(scan.schema.inner()), session)?;
        Ok(Some(Arc::new(ScanExec::new(
            Arc::clone(input),
            Arc::new(program),
        ))))
    }
}

/// A step, compiled.
#[derive(Debug)]
struct Step {
    name: String,
    optional: bool,
    output: ScanOutput,
    condition: Arc<dyn PhysicalExpr>,
    /// Whether the condition reads state columns (else it is evaluated once per batch).
    condition_reads_state: bool,
    assignments: Vec<Assignment>,
}

#[derive(Debug)]
struct Assignment {
    /// The extended column assigned.
    column: usize,
    value: Arc<dyn PhysicalExpr>,
    reads_state: bool,
}

/// A `scan`, compiled: what [`ScanExec`] runs.
#[derive(Debug)]
struct Program {
    /// The input's columns then the state columns.
    eval_schema: SchemaRef,
    output_schema: SchemaRef,
    input_len: usize,
    /// The type of each extended column (the input's, then the declared ones).
    types: Vec<DataType>,
    /// The declared columns' defaults, expressions without columns.
    defaults: Vec<Arc<dyn PhysicalExpr>>,
    /// The extended columns a state entry holds.
    entry_columns: Vec<usize>,
    /// For each state column of the evaluation schema: (step, position in an entry).
    state_refs: Vec<(usize, usize)>,
    /// For each extended column, where its value goes in an output row's computed values: the
    /// assigned input columns, then the declared ones.
    slots: Vec<Option<usize>>,
    slot_count: usize,
    steps: Vec<Step>,
    match_id: bool,
    partition: Option<usize>,
}

impl Program {
    fn compile(spec: &ScanSpec, output_schema: SchemaRef, session: &dyn Session) -> Result<Self> {
        let input_len = spec.input_len;
        let reads_state =
            |e: &Arc<dyn PhysicalExpr>| collect_columns(e).iter().any(|c| c.index() >= input_len);
        let eval = spec.eval_schema.as_ref();
        let mut steps = Vec::new();
        for step in &spec.steps {
            let condition = physical(session, &step.condition, eval)?;
            let mut assignments = Vec::new();
            for (column, value) in &step.assignments {
                let value = physical(session, value, eval)?;
                assignments.push(Assignment {
                    column: *column,
                    reads_state: reads_state(&value),
                    value,
                });
            }
            steps.push(Step {
                name: step.name.clone(),
                optional: step.optional,
                output: step.output,
                condition_reads_state: reads_state(&condition),
                condition,
                assignments,
            });
        }
        let empty = DFSchema::empty();
        let defaults = spec
            .declared
            .iter()
            .map(|d| physical(session, &d.default, &empty))
            .collect::<Result<Vec<_>>>()?;
        let mut types: Vec<DataType> = spec.eval_schema.fields()[..input_len]
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        types.extend(
            output_schema.fields()[input_len..input_len + spec.declared.len()]
                .iter()
                .map(|f| f.data_type().clone()),
        );
        let entry_columns = spec.state_columns();
        let state_refs = spec
            .state_refs
            .iter()
            .map(|&(step, c)| {
                (
                    step,
                    entry_columns.iter().position(|&e| e == c).unwrap_or(0),
                )
            })
            .collect();
        let mut slots = vec![None; types.len()];
        let mut slot_count = 0;
        for c in spec
            .assigned_inputs()
            .into_iter()
            .chain(input_len..types.len())
        {
            slots[c] = Some(slot_count);
            slot_count += 1;
        }
        Ok(Program {
            eval_schema: Arc::clone(spec.eval_schema.inner()),
            output_schema,
            input_len,
            types,
            defaults,
            entry_columns,
            state_refs,
            slots,
            slot_count,
            steps,
            match_id: spec.match_id.is_some(),
            partition: spec.partition,
        })
    }

    fn expressions(&self) -> impl Iterator<Item = &Arc<dyn PhysicalExpr>> {
        self.steps
            .iter()
            .flat_map(|s| {
                std::iter::once(&s.condition).chain(s.assignments.iter().map(|a| &a.value))
            })
            .chain(self.defaults.iter())
    }
}

/// The physical operator of `scan`: one output partition, from one input partition read in
/// order.
#[derive(Debug)]
pub struct ScanExec {
    input: Arc<dyn ExecutionPlan>,
    program: Arc<Program>,
    properties: Arc<PlanProperties>,
}

impl ScanExec {
    fn new(input: Arc<dyn ExecutionPlan>, program: Arc<Program>) -> Self {
        let schema = Arc::clone(&program.output_schema);
        let properties = PlanProperties::new(
            EquivalenceProperties::new(schema),
            Partitioning::UnknownPartitioning(1),
            EmissionType::Incremental,
            input.boundedness(),
        );
        ScanExec {
            input,
            program,
            properties: Arc::new(properties),
        }
    }
}

impl DisplayAs for ScanExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        let names: Vec<&str> = self.program.steps.iter().map(|s| s.name.as_str()).collect();
        write!(f, "KqlScanExec: steps=[{}]", names.join(", "))
    }
}

#[allow(deprecated)]
impl ExecutionPlan for ScanExec {
    fn name(&self) -> &str {
        "KqlScanExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn input_distribution_requirements(&self) -> InputDistributionRequirements {
        InputDistributionRequirements::new(vec![Distribution::SinglePartition])
    }

    /// The input's order is the order of the records: keep it.
    fn required_input_ordering(&self) -> Vec<Option<OrderingRequirements>> {
        vec![
            self.input
                .output_ordering()
                .cloned()
                .map(OrderingRequirements::from),
        ]
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![false]
    }

    fn benefits_from_input_partitioning(&self) -> Vec<bool> {
        vec![false]
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn apply_expressions(
        &self,
        f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        for e in self.program.expressions() {
            if f(e)? == TreeNodeRecursion::Stop {
                return Ok(TreeNodeRecursion::Stop);
            }
        }
        Ok(TreeNodeRecursion::Continue)
    }

    fn replace_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
        _options: ReplaceChildrenOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let (Some(input), true) = (children.pop(), children.is_empty()) else {
            return internal_err!("KqlScanExec has one child");
        };
        Ok(Arc::new(ScanExec::new(input, Arc::clone(&self.program))))
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        self.replace_children(
            children,
            ReplaceChildrenOptions::new(ChildrenPropertiesMode::Recompute),
        )
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        if partition != 0 {
            return internal_err!("KqlScanExec has one partition, not {partition}");
        }
        let run = Run {
            input: self.input.execute(0, context)?,
            machine: Machine::new(Arc::clone(&self.program))?,
            done: false,
        };
        let stream = futures::stream::unfold(run, |mut run| async move {
            while !run.done {
                let result = match run.input.next().await {
                    Some(Ok(batch)) => run.machine.process(&batch),
                    Some(Err(e)) => Err(e),
                    None => {
                        run.done = true;
                        run.machine.finish()
                    }
                };
                match result {
                    Ok(Some(batch)) => return Some((Ok(batch), run)),
                    Ok(None) => {}
                    Err(e) => {
                        run.done = true;
                        return Some((Err(e), run));
                    }
                }
            }
            None
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(
            Arc::clone(&self.program.output_schema),
            stream,
        )))
    }
}

/// The stream of one execution.
struct Run {
    input: SendableRecordBatchStream,
    machine: Machine,
    done: bool,
}

/// The state of a sequence: the match id, and one entry per step up to the one that holds it
/// (the values of [`Program::entry_columns`]).
#[derive(Clone, Debug)]
struct SequenceState {
    match_id: i64,
    entries: Vec<Vec<ScalarValue>>,
}

/// The state of the steps for one value of the partition column.
#[derive(Debug)]
struct Steps {
    states: Vec<Option<SequenceState>>,
    /// Per `output=last` step: the last record of the current series of matches, with the
    /// order in which it matched, to output when the series ends.
    pending: Vec<Option<(u64, RecordBatch)>>,
    next_match_id: i64,
}

impl Steps {
    fn new(n: usize) -> Self {
        Steps {
            states: vec![None; n],
            pending: vec![None; n],
            next_match_id: 0,
        }
    }
}

/// The running state of a `scan`.
struct Machine {
    program: Arc<Program>,
    /// The default of each extended column: a typed null for the input's, the declared default
    /// for the others.
    defaults: Vec<ScalarValue>,
    keys: HashMap<ScalarValue, Steps>,
    /// Orders the pending `output=last` records.
    sequence: u64,
}

impl Machine {
    fn new(program: Arc<Program>) -> Result<Self> {
        let one_row = RecordBatch::try_new_with_options(
            Arc::new(Schema::empty()),
            vec![],
            &RecordBatchOptions::new().with_row_count(Some(1)),
        )?;
        let mut defaults = Vec::with_capacity(program.types.len());
        for (c, data_type) in program.types.iter().enumerate() {
            let value = match c.checked_sub(program.input_len) {
                Some(d) => scalar_of(program.defaults[d].evaluate(&one_row)?)?,
                None => ScalarValue::try_from(data_type)?,
            };
            defaults.push(of_type(value, data_type)?);
        }
        Ok(Machine {
            program,
            defaults,
            keys: HashMap::new(),
            sequence: 0,
        })
    }

    /// Runs the records of `batch`; the output rows they produce.
    fn process(&mut self, batch: &RecordBatch) -> Result<Option<RecordBatch>> {
        let program = Arc::clone(&self.program);
        let rows = batch.num_rows();
        // The expressions that read no state, for the whole batch.
        let mut full = batch.columns().to_vec();
        for field in &program.eval_schema.fields()[program.input_len..] {
            full.push(datafusion::arrow::array::new_null_array(
                field.data_type(),
                rows,
            ));
        }
        let full = RecordBatch::try_new(Arc::clone(&program.eval_schema), full)?;
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        for step in &program.steps {
            conditions.push(if step.condition_reads_state {
                None
            } else {
                let array = step.condition.evaluate(&full)?.into_array(rows)?;
                Some(array.as_boolean_opt().cloned().ok_or_else(|| {
                    datafusion::error::DataFusionError::Internal(format!(
                        "the condition of step {} is not boolean",
                        step.name
                    ))
                })?)
            });
            let mut step_values = Vec::new();
            for a in &step.assignments {
                step_values.push(if a.reads_state {
                    None
                } else {
                    Some(a.value.evaluate(&full)?.into_array(rows)?)
                });
            }
            values.push(step_values);
        }
        let batched = Batched { conditions, values };
        let mut output = Output::default();
        for row in 0..rows {
            let key = match program.partition {
                Some(p) => ScalarValue::try_from_array(batch.column(p), row)?,
                None => ScalarValue::Null,
            };
            let steps = self
                .keys
                .entry(key)
                .or_insert_with(|| Steps::new(program.steps.len()));
            let record = Record {
                program: &program,
                defaults: &self.defaults,
                batch,
                batched: &batched,
                row,
            };
            record.run(steps, &mut self.sequence, &mut output)?;
        }
        output.finish(&program, batch)
    }

    /// At the end of the input: the pending `output=last` records, in the order they matched.
    fn finish(&mut self) -> Result<Option<RecordBatch>> {
        let mut pending: Vec<(u64, RecordBatch)> = self
            .keys
            .values_mut()
            .flat_map(|steps| steps.pending.iter_mut().filter_map(Option::take))
            .collect();
        if pending.is_empty() {
            return Ok(None);
        }
        pending.sort_by_key(|(sequence, _)| *sequence);
        let batches: Vec<RecordBatch> = pending.into_iter().map(|(_, b)| b).collect();
        Ok(Some(concat_batches(&self.program.output_schema, &batches)?))
    }
}

/// The values of the expressions that read no state, for a batch: per step, the condition and
/// each assignment (`None` for those that read state).
struct Batched {
    conditions: Vec<Option<BooleanArray>>,
    values: Vec<Vec<Option<ArrayRef>>>,
}

/// One input record being run through the steps.
struct Record<'a> {
    program: &'a Program,
    defaults: &'a [ScalarValue],
    batch: &'a RecordBatch,
    batched: &'a Batched,
    row: usize,
}

/// The values an extended record gets from a step's assignments, by extended column.
type Assigned = Vec<Option<ScalarValue>>;

impl Record<'_> {
    fn run(&self, steps: &mut Steps, sequence: &mut u64, output: &mut Output) -> Result<()> {
        let program = self.program;
        for k in (0..program.steps.len()).rev() {
            // Check 1: the sequence of the previous step moves to this one.
            if let Some(j) = previous(program, &steps.states, k)
                && self.meets(k, steps.states[j].as_ref())?
            {
                let assigned = self.assign(k, steps.states[j].as_ref())?;
                let entry = self.entry(&assigned)?;
                let mut ended: Vec<(u64, RecordBatch)> = [k, j]
                    .iter()
                    .filter_map(|&s| steps.pending[s].take())
                    .collect();
                ended.sort_by_key(|(sequence, _)| *sequence);
                for (_, batch) in ended {
                    output.push_batch(program, self.batch, batch)?;
                }
                let Some(mut state) = steps.states[j].take() else {
                    return internal_err!("scan: the state of step {j} is empty");
                };
                let skipped = self.default_entry();
                state.entries.resize(k, skipped);
                state.entries.push(entry);
                let id = state.match_id;
                steps.states[k] = Some(state);
                self.emit(steps, k, &assigned, id, sequence, output)?;
                continue;
            }
            // Check 2: the step matches again in its own sequence, or starts one.
            let starts = program.steps[..k].iter().all(|s| s.optional);
            if steps.states[k].is_none() && !starts {
                continue;
            }
            if !self.meets(k, steps.states[k].as_ref())? {
                continue;
            }
            let assigned = self.assign(k, steps.states[k].as_ref())?;
            let entry = self.entry(&assigned)?;
            let id = match &mut steps.states[k] {
                Some(state) => {
                    state.entries[k] = entry;
                    state.match_id
                }
                None => {
                    let id = steps.next_match_id;
                    steps.next_match_id += 1;
                    let mut entries = vec![self.default_entry(); k];
                    entries.push(entry);
                    steps.states[k] = Some(SequenceState {
                        match_id: id,
                        entries,
                    });
                    id
                }
            };
            self.emit(steps, k, &assigned, id, sequence, output)?;
        }
        Ok(())
    }

    /// Outputs the record extended by step `k`, as the step's `output` says.
    fn emit(
        &self,
        steps: &mut Steps,
        k: usize,
        assigned: &Assigned,
        id: i64,
        sequence: &mut u64,
        output: &mut Output,
    ) -> Result<()> {
        match self.program.steps[k].output {
            ScanOutput::All => output.push_row(self.row, self.slot_values(assigned)?, id),
            ScanOutput::None => {}
            ScanOutput::Last => {
                *sequence += 1;
                let mut single = Output::default();
                single.push_row(self.row, self.slot_values(assigned)?, id);
                if let Some(batch) = single.finish(self.program, self.batch)? {
                    steps.pending[k] = Some((*sequence, batch));
                }
            }
        }
        Ok(())
    }

    /// The value of extended column `c` of this record extended by `assigned`.
    fn value(&self, c: usize, assigned: &Assigned) -> Result<ScalarValue> {
        if let Some(v) = &assigned[c] {
            return Ok(v.clone());
        }
        if c < self.program.input_len {
            ScalarValue::try_from_array(self.batch.column(c), self.row)
        } else {
            Ok(self.defaults[c].clone())
        }
    }

    /// The record's entry in a state.
    fn entry(&self, assigned: &Assigned) -> Result<Vec<ScalarValue>> {
        self.program
            .entry_columns
            .iter()
            .map(|&c| self.value(c, assigned))
            .collect()
    }

    /// The entry of a step that has not matched: every column's default.
    fn default_entry(&self) -> Vec<ScalarValue> {
        self.program
            .entry_columns
            .iter()
            .map(|&c| self.defaults[c].clone())
            .collect()
    }

    /// The computed values of an output row: the assigned input columns, then the declared ones.
    fn slot_values(&self, assigned: &Assigned) -> Result<Vec<ScalarValue>> {
        let mut values = vec![ScalarValue::Null; self.program.slot_count];
        for (c, slot) in self.program.slots.iter().enumerate() {
            if let Some(slot) = slot {
                values[*slot] = self.value(c, assigned)?;
            }
        }
        Ok(values)
    }

    /// A one-row batch of the record and the values `state` gives the state columns.
    fn with_state(&self, state: Option<&SequenceState>) -> Result<RecordBatch> {
        let program = self.program;
        let mut columns: Vec<ArrayRef> = self
            .batch
            .columns()
            .iter()
            .map(|a| a.slice(self.row, 1))
            .collect();
        for &(step, position) in &program.state_refs {
            let value = match state.and_then(|s| s.entries.get(step)) {
                Some(entry) => entry[position].clone(),
                None => self.defaults[program.entry_columns[position]].clone(),
            };
            columns.push(value.to_array_of_size(1)?);
        }
        Ok(RecordBatch::try_new(
            Arc::clone(&program.eval_schema),
            columns,
        )?)
    }

    /// Whether the record meets the condition of step `k` with `state`.
    fn meets(&self, k: usize, state: Option<&SequenceState>) -> Result<bool> {
        if let Some(batched) = &self.batched.conditions[k] {
            return Ok(batched.is_valid(self.row) && batched.value(self.row));
        }
        let value = self.program.steps[k]
            .condition
            .evaluate(&self.with_state(state)?)?;
        Ok(matches!(
            scalar_of(value)?,
            ScalarValue::Boolean(Some(true))
        ))
    }

    /// The values the assignments of step `k` give, with `state`.
    fn assign(&self, k: usize, state: Option<&SequenceState>) -> Result<Assigned> {
        let program = self.program;
        let mut assigned: Assigned = vec![None; program.types.len()];
        let mut one_row = None;
        for (n, a) in program.steps[k].assignments.iter().enumerate() {
            let value = match &self.batched.values[k][n] {
                Some(array) => ScalarValue::try_from_array(array, self.row)?,
                None => {
                    if one_row.is_none() {
                        one_row = Some(self.with_state(state)?);
                    }
                    match &one_row {
                        Some(batch) => scalar_of(a.value.evaluate(batch)?)?,
                        None => ScalarValue::Null,
                    }
                }
            };
            assigned[a.column] = Some(of_type(value, &program.types[a.column])?);
        }
        Ok(assigned)
    }
}

/// The step whose sequence moves to step `k` on a match: the previous one when its state is not
/// empty, or, passing over optional steps with empty states, the first earlier step with one.
fn previous(program: &Program, states: &[Option<SequenceState>], k: usize) -> Option<usize> {
    let mut j = k.checked_sub(1)?;
    loop {
        if states[j].is_some() {
            return Some(j);
        }
        if !program.steps[j].optional {
            return None;
        }
        j = j.checked_sub(1)?;
    }
}

/// The value of a one-row result.
fn scalar_of(value: ColumnarValue) -> Result<ScalarValue> {
    match value {
        ColumnarValue::Scalar(v) => Ok(v),
        ColumnarValue::Array(a) => ScalarValue::try_from_array(&a, 0),
    }
}

/// `value` as `data_type` (values computed by expressions may come in a close type).
fn of_type(value: ScalarValue, data_type: &DataType) -> Result<ScalarValue> {
    if value.data_type() == *data_type {
        Ok(value)
    } else {
        value.cast_to(data_type)
    }
}

/// The output of one input batch, built in order: runs of output rows of this batch's records,
/// and the batches of pending `output=last` records output in between.
#[derive(Default)]
struct Output {
    parts: Vec<RecordBatch>,
    rows: Vec<u32>,
    /// Per output row, the values of [`Program::slots`].
    values: Vec<Vec<ScalarValue>>,
    ids: Vec<i64>,
}

impl Output {
    fn push_row(&mut self, row: usize, values: Vec<ScalarValue>, id: i64) {
        self.rows.push(u32::try_from(row).unwrap_or(u32::MAX));
        self.values.push(values);
        self.ids.push(id);
    }

    fn push_batch(
        &mut self,
        program: &Program,
        batch: &RecordBatch,
        part: RecordBatch,
    ) -> Result<()> {
        self.flush(program, batch)?;
        self.parts.push(part);
        Ok(())
    }

    /// The rows pushed so far as a batch of the output schema.
    fn flush(&mut self, program: &Program, batch: &RecordBatch) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let indices = UInt32Array::from(std::mem::take(&mut self.rows));
        let values = std::mem::take(&mut self.values);
        let ids = std::mem::take(&mut self.ids);
        let schema = &program.output_schema;
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
        for (c, slot) in program.slots.iter().enumerate() {
            let column = match slot {
                Some(slot) => {
                    let array =
                        ScalarValue::iter_to_array(values.iter().map(|v| v[*slot].clone()))?;
                    let data_type = schema.field(c).data_type();
                    if array.data_type() == data_type {
                        array
                    } else {
                        cast(&array, data_type)?
                    }
                }
                None => take(batch.column(c), &indices, None)?,
            };
            columns.push(column);
        }
        if program.match_id {
            columns.push(Arc::new(Int64Array::from(ids)));
        }
        self.parts
            .push(RecordBatch::try_new(Arc::clone(schema), columns)?);
        Ok(())
    }

    fn finish(mut self, program: &Program, batch: &RecordBatch) -> Result<Option<RecordBatch>> {
        self.flush(program, batch)?;
        match self.parts.len() {
            0 => Ok(None),
            1 => Ok(self.parts.pop()),
            _ => Ok(Some(concat_batches(&program.output_schema, &self.parts)?)),
        }
    }
}
