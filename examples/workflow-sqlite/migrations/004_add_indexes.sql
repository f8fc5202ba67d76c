-- Version: 1.3.0
-- Author: marek.lindqvist@example.com
-- Ticket: WF-115
-- Breaking: false
-- Depends: 003

-- Secondary indexes: one for every foreign key that is not already the
-- leading column of a UNIQUE constraint, plus the query-driven composite
-- indexes from the design. SQLite has no INCLUDE columns, so the "covering"
-- indexes of the original become plain composite indexes.

-- users / tenancy
CREATE INDEX idx_users_role_id ON users (role_id);
CREATE INDEX idx_users_is_active ON users (is_active);
CREATE INDEX idx_workspaces_created_by_user_id ON workspaces (created_by_user_id);
CREATE INDEX idx_user_workspaces_user_id_is_active ON user_workspaces (user_id, is_active);
CREATE INDEX idx_user_workspaces_workspace_id ON user_workspaces (workspace_id);
CREATE INDEX idx_user_workspaces_role_id ON user_workspaces (role_id);
CREATE INDEX idx_projects_created_by_user_id ON projects (created_by_user_id);
CREATE INDEX idx_environments_created_by_user_id ON environments (created_by_user_id);

-- definitions
CREATE INDEX idx_api_endpoints_created_by_user_id ON api_endpoints (created_by_user_id);
CREATE INDEX idx_workflows_project_id_status ON workflows (project_id, status);
CREATE INDEX idx_workflows_environment_id ON workflows (environment_id);
CREATE INDEX idx_workflows_created_by_user_id ON workflows (created_by_user_id);
CREATE INDEX idx_workflow_steps_api_endpoint_id ON workflow_steps (api_endpoint_id);
CREATE INDEX idx_workflow_schedules_is_active_next_run_at
    ON workflow_schedules (is_active, next_run_at);

-- runtime
CREATE INDEX idx_workflow_executions_workflow_id_executed_at
    ON workflow_executions (workflow_id, executed_at);
CREATE INDEX idx_workflow_executions_status ON workflow_executions (status);
CREATE INDEX idx_execution_logs_execution_id_created_at ON execution_logs (execution_id, created_at);
CREATE INDEX idx_execution_logs_step_id ON execution_logs (step_id);
CREATE INDEX idx_workflow_approvals_workflow_id ON workflow_approvals (workflow_id);
CREATE INDEX idx_workflow_approvals_requested_by_user_id ON workflow_approvals (requested_by_user_id);
CREATE INDEX idx_workflow_approvals_approver_user_id ON workflow_approvals (approver_user_id);
-- pending approvals are the hot path for the approvals inbox
CREATE INDEX idx_workflow_approvals_requested_at_pending
    ON workflow_approvals (requested_at) WHERE status = 0;
CREATE INDEX idx_workflow_metrics_workflow_id_metric_name_recorded_at
    ON workflow_metrics (workflow_id, metric_name, recorded_at);
