-- Rollback for 006_create_reporting_views.sql

DROP VIEW vw_workflow_metrics_last_30_days;
DROP VIEW vw_workflow_execution_summary;
DROP VIEW vw_active_workflows;
