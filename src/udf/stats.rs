//! UDFs for the stats aggregations: `kql_json_array_with_nulls(list)`.

use datafusion::arrow::array::{Array, AsArray, StringBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::exec_err;

use super::json_path;
use super::support::{KqlUdf, array_arg, array_result, utf8};

/// `kql_json_array_with_nulls(list)`: a list of JSON texts as one JSON array, null elements
/// included (as `null`); an absent list gives `[]`.
pub fn json_array_with_nulls() -> KqlUdf {
    KqlUdf::new("kql_json_array_with_nulls", utf8, Some("dynamic"), |args| {
        let input = array_arg(args, 0)?;
        let Some(list) = input.as_list_opt::<i32>() else {
            return exec_err!(
                "kql_json_array_with_nulls expects a list, got {}",
                input.data_type()
            );
        };
        let mut out = StringBuilder::with_capacity(list.len(), list.len() * 32);
        let mut text = String::new();
        for row in 0..list.len() {
            text.clear();
            text.push('[');
            if !list.is_null(row) {
                let values = list.value(row);
                let values = datafusion::arrow::compute::cast(&values, &DataType::Utf8)?;
                let values = values.as_string::<i32>();
                for i in 0..values.len() {
                    if i > 0 {
                        text.push(',');
                    }
                    if values.is_null(i) {
                        text.push_str("null");
                    } else {
                        text.push_str(&json_path::compact(values.value(i)));
                    }
                }
            }
            text.push(']');
            out.append_value(&text);
        }
        array_result(out.finish())
    })
}
