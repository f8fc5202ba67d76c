-- Rollback for 005_add_soft_delete_columns.sql
-- Partial indexes mention is_deleted, so they go first (SQLite refuses to
-- drop a column used by an index). Needs SQLite >= 3.35 for DROP COLUMN.
-- Any soft-delete state recorded since 005 is lost.

DROP INDEX idx_projects_workspace_id_active;
DROP INDEX idx_workflows_project_id_status_active;
CREATE INDEX idx_workflows_project_id_status ON workflows (project_id, status);

ALTER TABLE workflows DROP COLUMN is_deleted;
ALTER TABLE workflows DROP COLUMN deleted_at;

ALTER TABLE api_endpoints DROP COLUMN is_deleted;
ALTER TABLE api_endpoints DROP COLUMN deleted_at;

ALTER TABLE environments DROP COLUMN is_deleted;
ALTER TABLE environments DROP COLUMN deleted_at;

ALTER TABLE projects DROP COLUMN is_deleted;
ALTER TABLE projects DROP COLUMN deleted_at;

ALTER TABLE workspaces DROP COLUMN is_deleted;
ALTER TABLE workspaces DROP COLUMN deleted_at;

ALTER TABLE users DROP COLUMN is_deleted;
ALTER TABLE users DROP COLUMN deleted_at;
