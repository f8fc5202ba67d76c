-- Rollback for 003_create_execution_tables.sql

DROP TABLE workflow_metrics;
DROP TABLE workflow_approvals;
DROP TABLE execution_logs;
DROP TABLE workflow_executions;
