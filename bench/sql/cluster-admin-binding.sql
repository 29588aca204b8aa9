-- queries/hunts/cluster-admin-binding.kql: one row per subject of a new cluster-admin binding in
-- the last day. `mv-expand` of a null array gives one row with a null element, hence the coalesce.
SELECT e.Timestamp, e.AzureResourceId, e.OperationName,
       coalesce(e._Username, '') AS ActionTakenBy,
       e.IPAddress, e.UserAgent,
       coalesce(e._Name, '') AS BindingName,
       coalesce(json_extract_string(s.subject, '$.name'), '') AS SubjectName,
       coalesce(json_extract_string(s.subject, '$.kind'), '') AS SubjectKind
FROM CloudAuditEvents e,
     unnest(coalesce(json_extract(e.RawEventData, '$.RequestObject.subjects[*]'), [NULL::JSON])) AS s(subject)
WHERE e.Timestamp > TIMESTAMPTZ '{now}' - INTERVAL 1 DAY
  AND e.OperationName = 'create'
  AND e._Resource = 'clusterrolebindings'
  AND CAST(e._ResponseCode AS VARCHAR) LIKE '20%'
  AND json_extract_string(e.RawEventData, '$.RequestObject.roleRef.name') = 'cluster-admin'
  AND coalesce(e._Username, '') <> 'acsService'
