-- queries/hunts/privileged-pod.kql: one row per privileged container of a successful pod creation
-- in the last day. `mv-expand` of a null array gives one row with a null element (then dropped by
-- the privileged filter), hence the coalesce.
SELECT e.Timestamp, e.AzureResourceId, e.OperationName, e.IPAddress, e.UserAgent,
       json_extract_string(e.RawEventData, '$.RequestObject.metadata.name') AS PodName,
       e._Namespace AS PodNamespace,
       json_extract_string(c.container, '$.name') AS ContainerName,
       e._Username AS Username
FROM CloudAuditEvents e,
     unnest(coalesce(json_extract(e.RawEventData, '$.RequestObject.spec.containers[*]'), [NULL::JSON])) AS c(container)
WHERE e.Timestamp > TIMESTAMPTZ '{now}' - INTERVAL 1 DAY
  AND e.DataSource = 'Azure Kubernetes Service'
  AND e.OperationName = 'create'
  AND e._Resource = 'pods' AND e._Subresource IS NULL
  AND CAST(e._ResponseCode AS VARCHAR) LIKE '20%'
  AND json_extract_string(c.container, '$.securityContext.privileged') = 'true'
