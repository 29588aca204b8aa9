//! UDFs for the stats aggregations: `kql_json_array_with_nulls(list)`, `kql_buildschema(list)`.

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

/// One alternative of a schema: a scalar type's name, a property bag's schema, or an array's
/// (its elements' schema).
#[derive(Debug, Default)]
struct Schema {
    alternatives: Vec<Alternative>,
}

#[derive(Debug)]
enum Alternative {
    Type(&'static str),
    Bag(Vec<(String, Schema)>),
    Array(Schema),
}

impl Schema {
    /// Widens the schema to admit `value` (nulls add nothing).
    fn add(&mut self, value: &serde_json::Value) {
        use serde_json::Value;
        let name = match value {
            Value::Null => return,
            Value::Bool(_) => "bool",
            Value::Number(n) if n.is_i64() || n.is_u64() => "long",
            Value::Number(_) => "double",
            Value::String(_) => "string",
            Value::Array(items) => {
                let position = self
                    .alternatives
                    .iter()
                    .position(|a| matches!(a, Alternative::Array(_)));
                let index = position.unwrap_or_else(|| {
                    self.alternatives
                        .push(Alternative::Array(Schema::default()));
                    self.alternatives.len() - 1
                });
                if let Alternative::Array(elements) = &mut self.alternatives[index] {
                    for item in items {
                        elements.add(item);
                    }
                }
                return;
            }
            Value::Object(map) => {
                let position = self
                    .alternatives
                    .iter()
                    .position(|a| matches!(a, Alternative::Bag(_)));
                let index = position.unwrap_or_else(|| {
                    self.alternatives.push(Alternative::Bag(Vec::new()));
                    self.alternatives.len() - 1
                });
                if let Alternative::Bag(fields) = &mut self.alternatives[index] {
                    for (key, v) in map {
                        let i = fields
                            .iter()
                            .position(|(k, _)| k == key)
                            .unwrap_or_else(|| {
                                fields.push((key.clone(), Schema::default()));
                                fields.len() - 1
                            });
                        fields[i].1.add(v);
                    }
                }
                return;
            }
        };
        if !self
            .alternatives
            .iter()
            .any(|a| matches!(a, Alternative::Type(t) if *t == name))
        {
            self.alternatives.push(Alternative::Type(name));
        }
    }

    /// The schema as Kusto writes it: one alternative as itself, several as an array.
    fn to_json(&self) -> serde_json::Value {
        use serde_json::{Map, Value};
        let one = |a: &Alternative| match a {
            Alternative::Type(t) => Value::String((*t).to_string()),
            Alternative::Bag(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, s)| (k.clone(), s.to_json()))
                    .collect::<Map<_, _>>(),
            ),
            Alternative::Array(elements) => {
                let mut m = Map::new();
                m.insert("`indexer`".to_string(), elements.to_json());
                Value::Object(m)
            }
        };
        match self.alternatives.as_slice() {
            [] => Value::Null,
            [a] => one(a),
            all => Value::Array(all.iter().map(one).collect()),
        }
    }
}

/// `kql_buildschema(list)`: the schema of a list of dynamic values (see `buildschema()`).
pub fn buildschema() -> KqlUdf {
    KqlUdf::new("kql_buildschema", utf8, Some("dynamic"), |args| {
        let input = array_arg(args, 0)?;
        let Some(list) = input.as_list_opt::<i32>() else {
            return exec_err!("kql_buildschema expects a list, got {}", input.data_type());
        };
        let mut out = StringBuilder::with_capacity(list.len(), list.len() * 32);
        for row in 0..list.len() {
            let mut schema = Schema::default();
            if !list.is_null(row) {
                let values = list.value(row);
                let values = datafusion::arrow::compute::cast(&values, &DataType::Utf8)?;
                let values = values.as_string::<i32>();
                for i in 0..values.len() {
                    if !values.is_null(i)
                        && let Ok(v) = serde_json::from_str::<serde_json::Value>(values.value(i))
                    {
                        schema.add(&v);
                    }
                }
            }
            match schema.to_json() {
                serde_json::Value::Null => out.append_null(),
                v => out.append_value(v.to_string()),
            }
        }
        array_result(out.finish())
    })
}
