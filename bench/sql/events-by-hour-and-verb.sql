-- queries/reports/events-by-hour-and-verb.kql: events per hour and Kubernetes verb ('' for
-- records without one, as KQL's tostring() of a missing property).
SELECT date_trunc('hour', Timestamp) AS Timestamp,
       coalesce(_Verb, '') AS Verb,
       count(*) AS count_
FROM CloudAuditEvents
GROUP BY ALL
