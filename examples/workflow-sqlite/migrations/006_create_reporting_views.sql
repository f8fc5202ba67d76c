-- Version: 1.5.0
-- Author: priya.raman@example.com
-- Ticket: WF-131
-- Breaking: false
-- Depends: 005

-- Reporting views. The SQL Server design also has two stored procedures.
-- SQLite has no stored procedures, so:
--   * sp_GetWorkflowMetrics becomes vw_workflow_metrics_last_30_days, a view
--     over the default 30-day window (callers filter it by workflow_id, custom
--     date ranges are computed by the application).
--   * sp_CleanupOldExecutions (batched DELETE loop) is not ported: the
--     application runs the retention DELETE itself on a schedule.

CREATE VIEW vw_active_workflows AS
SELECT
    w.id,
    w.name,
    w.description,
    w.status,
    w.version,
    p.name                             AS project_name,
    e.name                             AS environment_name,
    ws.name                            AS workspace_name,
    u.first_name || ' ' || u.last_name AS created_by,
    w.created_at,
    w.updated_at
FROM workflows w
JOIN projects p      ON p.id = w.project_id
JOIN environments e  ON e.id = w.environment_id
JOIN workspaces ws   ON ws.id = p.workspace_id
JOIN users u         ON u.id = w.created_by_user_id
WHERE w.is_deleted = 0
  AND p.is_deleted = 0
  AND e.is_deleted = 0
  AND ws.is_deleted = 0;

CREATE VIEW vw_workflow_execution_summary AS
SELECT
    w.id                                              AS workflow_id,
    w.name                                            AS workflow_name,
    count(we.id)                                      AS total_executions,
    coalesce(sum(CASE WHEN we.status = 1 THEN 1 ELSE 0 END), 0) AS successful_executions,
    coalesce(sum(CASE WHEN we.status = 2 THEN 1 ELSE 0 END), 0) AS failed_executions,
    round(100.0 * sum(CASE WHEN we.status = 1 THEN 1 ELSE 0 END)
          / nullif(count(we.id), 0), 2)               AS success_rate_percent,
    max(we.executed_at)                               AS last_execution_at
FROM workflows w
LEFT JOIN workflow_executions we ON we.workflow_id = w.id
WHERE w.is_deleted = 0
GROUP BY w.id, w.name;

-- Replacement for sp_GetWorkflowMetrics with its default window (last 30 days).
-- Timestamps are ISO-8601 UTC text, so string comparison orders correctly
-- and julianday() converts them for the duration arithmetic.
CREATE VIEW vw_workflow_metrics_last_30_days AS
SELECT
    we.workflow_id,
    count(*)                                          AS total_executions,
    sum(CASE WHEN we.status = 1 THEN 1 ELSE 0 END)    AS successful_executions,
    sum(CASE WHEN we.status = 2 THEN 1 ELSE 0 END)    AS failed_executions,
    avg(CASE WHEN we.completed_at IS NOT NULL
             THEN (julianday(we.completed_at) - julianday(we.executed_at)) * 86400.0
        END)                                          AS avg_execution_seconds,
    max(we.executed_at)                               AS last_execution_at
FROM workflow_executions we
WHERE we.executed_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')
GROUP BY we.workflow_id;
