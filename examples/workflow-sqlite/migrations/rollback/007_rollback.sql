-- Rollback for 007_add_audit_and_updated_at_triggers.sql
-- The triggers reference is_deleted (added in 005), so they must be gone
-- before 005 is rolled back, and this file runs first in reverse order.

DROP TRIGGER trg_workflows_audit_delete;
DROP TRIGGER trg_workflows_audit_update;
DROP TRIGGER trg_workflows_audit_insert;

DROP TRIGGER trg_workflow_schedules_set_updated_at;
DROP TRIGGER trg_workflow_steps_set_updated_at;
DROP TRIGGER trg_workflows_set_updated_at;
DROP TRIGGER trg_api_parameters_set_updated_at;
DROP TRIGGER trg_api_endpoints_set_updated_at;
DROP TRIGGER trg_environments_set_updated_at;
DROP TRIGGER trg_projects_set_updated_at;
DROP TRIGGER trg_workspaces_set_updated_at;
DROP TRIGGER trg_users_set_updated_at;

DROP INDEX idx_workflow_audit_logs_workflow_id_changed_at;
DROP TABLE workflow_audit_logs;
