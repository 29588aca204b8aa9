//! `kql_make_series(bin, value, bins, default)`: the aggregate behind `make-series`. Each row
//! gives the value (JSON text) of one bin (`0 <= bin < bins`) of a group; the result is the
//! group's dense JSON array of `bins` elements, `default` (JSON text) where no row gave a value.
//! `bins` and `default` must be constants. Memory per group is bounded by `bins`.

use std::sync::{Arc, LazyLock};

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListBuilder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Int64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility,
};
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_expr::expressions::Literal;

/// The largest number of bins a series may have.
pub const MAX_SERIES_BINS: usize = 1_000_000;

/// The shared instance of `kql_make_series`.
pub fn make_series() -> Arc<AggregateUDF> {
    static UDAF: LazyLock<Arc<AggregateUDF>> =
        LazyLock::new(|| Arc::new(AggregateUDF::from(MakeSeries::new())));
    UDAF.clone()
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MakeSeries {
    signature: Signature,
}

impl MakeSeries {
    pub fn new() -> Self {
        MakeSeries {
            signature: Signature::any(4, Volatility::Immutable),
        }
    }
}

impl Default for MakeSeries {
    fn default() -> Self {
        Self::new()
    }
}

fn literal(expr: &Arc<dyn PhysicalExpr>) -> Option<&ScalarValue> {
    expr.as_ref().downcast_ref::<Literal>().map(Literal::value)
}

impl AggregateUDFImpl for MakeSeries {
    fn name(&self) -> &str {
        "kql_make_series"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new_list(
            format_state_name(args.name, "bins"),
            Field::new_list_field(DataType::Utf8, true),
            true,
        ))])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let bins = match args.exprs.get(2).and_then(literal) {
            Some(ScalarValue::Int64(Some(n))) => usize::try_from(*n).unwrap_or(0),
            _ => return exec_err!("kql_make_series expects a constant number of bins"),
        };
        if bins > MAX_SERIES_BINS {
            return exec_err!("a series may have at most {MAX_SERIES_BINS} bins, not {bins}");
        }
        let default = match args.exprs.get(3).and_then(literal) {
            Some(ScalarValue::Utf8(Some(text))) => text.clone(),
            _ => return exec_err!("kql_make_series expects a constant default (JSON text)"),
        };
        Ok(Box::new(SeriesAccumulator {
            slots: vec![None; bins],
            default,
        }))
    }
}

/// One group's bins: `None` where no row gave a value.
#[derive(Debug)]
struct SeriesAccumulator {
    slots: Vec<Option<String>>,
    default: String,
}

impl SeriesAccumulator {
    fn set(&mut self, bin: i64, value: Option<&str>) {
        if let Ok(bin) = usize::try_from(bin)
            && let Some(slot) = self.slots.get_mut(bin)
        {
            *slot = Some(value.unwrap_or("null").to_string());
        }
    }
}

impl Accumulator for SeriesAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [bins, texts, ..] = values else {
            return exec_err!("kql_make_series expects (bin, value, bins, default)");
        };
        let bins = datafusion::arrow::compute::cast(bins, &DataType::Int64)?;
        let bins = bins.as_primitive::<Int64Type>();
        let texts = datafusion::arrow::compute::cast(texts, &DataType::Utf8)?;
        let texts = texts.as_string::<i32>();
        for row in 0..bins.len() {
            if bins.is_null(row) {
                continue;
            }
            let value = (!texts.is_null(row)).then(|| texts.value(row));
            self.set(bins.value(row), value);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(lists) = states.first().and_then(|s| s.as_list_opt::<i32>()) else {
            return exec_err!("kql_make_series: unexpected state");
        };
        for row in 0..lists.len() {
            if lists.is_null(row) {
                continue;
            }
            let values = lists.value(row);
            let values = values.as_string::<i32>();
            for (i, slot) in self.slots.iter_mut().enumerate() {
                if i < values.len() && !values.is_null(i) && slot.is_none() {
                    *slot = Some(values.value(i).to_string());
                }
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let mut builder = ListBuilder::new(StringBuilder::new());
        for slot in &self.slots {
            builder.values().append_option(slot.as_deref());
        }
        builder.append(true);
        Ok(vec![ScalarValue::List(Arc::new(builder.finish()))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let mut text = String::from("[");
        for (i, slot) in self.slots.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(slot.as_deref().unwrap_or(&self.default));
        }
        text.push(']');
        Ok(ScalarValue::Utf8(Some(text)))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self.default.capacity()
            + self
                .slots
                .iter()
                .map(|s| {
                    std::mem::size_of::<Option<String>>() + s.as_ref().map_or(0, String::capacity)
                })
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Int64Array, StringArray};

    fn accumulator(bins: usize) -> SeriesAccumulator {
        SeriesAccumulator {
            slots: vec![None; bins],
            default: "0".to_string(),
        }
    }

    #[test]
    fn fills_missing_bins_with_the_default_and_merges_states() -> Result<()> {
        let mut a = accumulator(4);
        let bins: ArrayRef = Arc::new(Int64Array::from(vec![Some(0), Some(2), None, Some(9)]));
        let texts: ArrayRef = Arc::new(StringArray::from(vec![
            Some("5"),
            None,
            Some("7"),
            Some("8"),
        ]));
        a.update_batch(&[bins, texts])?;
        let mut b = accumulator(4);
        let bins: ArrayRef = Arc::new(Int64Array::from(vec![3]));
        let texts: ArrayRef = Arc::new(StringArray::from(vec!["\"x\""]));
        b.update_batch(&[bins, texts])?;
        let state = b.state()?;
        let state = state[0].to_array()?;
        a.merge_batch(&[state])?;
        assert_eq!(
            a.evaluate()?,
            ScalarValue::Utf8(Some("[5,0,null,\"x\"]".into()))
        );
        Ok(())
    }
}
