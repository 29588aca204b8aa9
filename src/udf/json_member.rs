//! `json_member(json, key)`: the raw JSON text of a top-level member of a JSON object (null when
//! absent), and `audit_event_json(RawEventData)`: the audit event with its top-level keys back in
//! Kubernetes JSON case, as Log Analytics' `log_s` holds it.

use std::collections::HashMap;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature, TypeSignature,
    Volatility,
};

use crate::lake::schema::KQL_TYPE_KEY;

use crate::ingest::json::{RawObject, push_json_string};

fn strings(arg: &ColumnarValue, rows: usize) -> Result<ArrayRef> {
    let arr = arg.to_array(rows)?;
    Ok(datafusion::arrow::compute::cast(&arr, &DataType::Utf8)?)
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct JsonMember {
    signature: Signature,
}

impl Default for JsonMember {
    fn default() -> Self {
        Self::new()
    }
}

impl JsonMember {
    pub fn new() -> Self {
        Self {
            signature: Signature::one_of(
                vec![
                    TypeSignature::Exact(vec![DataType::Utf8, DataType::Utf8]),
                    TypeSignature::Exact(vec![DataType::Utf8View, DataType::Utf8]),
                    TypeSignature::Exact(vec![DataType::LargeUtf8, DataType::Utf8]),
                ],
                Volatility::Immutable,
            ),
        }
    }
}

impl ScalarUDFImpl for JsonMember {
    fn name(&self) -> &str {
        "json_member"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    /// The member is JSON text: KQL sees it as `dynamic` (the views' `ObjectRef`, `User`, ...).
    fn return_field_from_args(&self, _args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(
            Field::new(self.name(), DataType::Utf8, true).with_metadata(HashMap::from([(
                KQL_TYPE_KEY.to_string(),
                "dynamic".to_string(),
            )])),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let key = match &args.args[1] {
            ColumnarValue::Scalar(ScalarValue::Utf8(Some(k))) => k.clone(),
            _ => return exec_err!("json_member: the key must be a string literal"),
        };
        let rows = args.number_rows;
        let input = strings(&args.args[0], rows)?;
        let input = input.as_string::<i32>();
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 32);
        for i in 0..input.len() {
            if input.is_null(i) {
                out.append_null();
                continue;
            }
            match RawObject::parse(input.value(i))
                .ok()
                .and_then(|o| o.get(&key))
            {
                Some(v) if v.get() != "null" => out.append_value(v.get()),
                _ => out.append_null(),
            }
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    }
}

/// Kubernetes JSON name of a Go-case top-level key (inverse of `ingest::audit::go_case`).
fn k8s_case(key: &str) -> String {
    match key {
        "APIVersion" => "apiVersion".into(),
        "AuditID" => "auditID".into(),
        "RequestURI" => "requestURI".into(),
        "SourceIPs" => "sourceIPs".into(),
        "ObjectMeta" => "metadata".into(),
        _ => {
            let mut chars = key.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct AuditEventJson {
    signature: Signature,
}

impl Default for AuditEventJson {
    fn default() -> Self {
        Self::new()
    }
}

impl AuditEventJson {
    pub fn new() -> Self {
        Self {
            signature: Signature::one_of(
                vec![
                    TypeSignature::Exact(vec![DataType::Utf8]),
                    TypeSignature::Exact(vec![DataType::Utf8View]),
                    TypeSignature::Exact(vec![DataType::LargeUtf8]),
                ],
                Volatility::Immutable,
            ),
        }
    }
}

impl ScalarUDFImpl for AuditEventJson {
    fn name(&self) -> &str {
        "audit_event_json"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let input = strings(&args.args[0], args.number_rows)?;
        let input = input.as_string::<i32>();
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 512);
        let mut buf = String::new();
        for i in 0..input.len() {
            let Some(obj) = (!input.is_null(i))
                .then(|| RawObject::parse(input.value(i)).ok())
                .flatten()
            else {
                out.append_null();
                continue;
            };
            buf.clear();
            buf.push('{');
            for (n, (k, v)) in obj.entries.iter().enumerate() {
                if n > 0 {
                    buf.push(',');
                }
                push_json_string(&mut buf, &k8s_case(k));
                buf.push(':');
                buf.push_str(v.get());
            }
            buf.push('}');
            out.append_value(&buf);
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::audit::go_case;

    #[test]
    fn k8s_case_inverts_go_case_for_every_audit_field() {
        for key in [
            "kind",
            "apiVersion",
            "level",
            "auditID",
            "stage",
            "requestURI",
            "verb",
            "user",
            "impersonatedUser",
            "sourceIPs",
            "userAgent",
            "objectRef",
            "responseStatus",
            "requestObject",
            "responseObject",
            "requestReceivedTimestamp",
            "stageTimestamp",
            "annotations",
            "metadata",
            "timestamp",
        ] {
            assert_eq!(k8s_case(&go_case(key)), key);
        }
    }
}
