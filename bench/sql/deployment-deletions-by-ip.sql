-- queries/reports/deployment-deletions-by-ip.kql: the 10 source IPs with the most deployment
-- deletions.
SELECT IPAddress AS IP, count(*) AS Deletions
FROM CloudAuditEvents
WHERE _Verb = 'delete' AND _Resource = 'deployments'
GROUP BY IPAddress
ORDER BY Deletions DESC
LIMIT 10
