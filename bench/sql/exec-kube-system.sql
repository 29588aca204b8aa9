-- queries/hunts/exec-kube-system.kql: `kubectl exec` into a kube-system pod in the last day.
-- KQL's `!startswith` is case-insensitive (NOT ILIKE).
SELECT Timestamp, AzureResourceId, OperationName, IPAddress, UserAgent,
       coalesce(_Name, '') AS PodName,
       coalesce(_Namespace, '') AS PodNamespace,
       coalesce(_Username, '') AS Username,
       url_decode(array_to_string(regexp_extract_all(coalesce(_RequestUri, ''), 'command=([^&]*)', 1), ' ')) AS ParsedCommand
FROM CloudAuditEvents
WHERE Timestamp > TIMESTAMPTZ '{now}' - INTERVAL 1 DAY
  AND DataSource = 'Azure Kubernetes Service'
  AND OperationName = 'create'
  AND _Resource = 'pods' AND _ResponseCode = 101
  AND _Namespace = 'kube-system'
  AND _Subresource = 'exec'
  AND coalesce(_Name, '') NOT ILIKE 'tunnelfront-%'
  AND coalesce(_Name, '') NOT ILIKE 'konnectivity-%'
  AND coalesce(_Name, '') NOT ILIKE 'aks-link%'
