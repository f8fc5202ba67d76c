-- Version: 1.4.0
-- Author: priya.raman@example.com
-- Ticket: WF-123
-- Breaking: false
-- Depends: 004

-- Soft deletes for the main entities. Rows are no longer removed, the
-- application sets is_deleted = 1 and deleted_at instead. Both columns are
-- additive (nullable, or NOT NULL with a constant default), so existing
-- inserts keep working.
--
-- The workflow list index from 004 is replaced by a partial index that only
-- covers rows that are not deleted, which is what every list query filters on.

-- Pre-validation (seed 003): the columns must not exist yet (a hand-made
-- hotfix would make the ALTERs fail halfway through).
-- strata:check pre critical expect=0
SELECT count(*) FROM pragma_table_info('users') WHERE name IN ('deleted_at', 'is_deleted');

ALTER TABLE users ADD COLUMN deleted_at TEXT;
ALTER TABLE users ADD COLUMN is_deleted INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_users_is_deleted_bool CHECK (is_deleted IN (0, 1));

ALTER TABLE workspaces ADD COLUMN deleted_at TEXT;
ALTER TABLE workspaces ADD COLUMN is_deleted INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_workspaces_is_deleted_bool CHECK (is_deleted IN (0, 1));

ALTER TABLE projects ADD COLUMN deleted_at TEXT;
ALTER TABLE projects ADD COLUMN is_deleted INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_projects_is_deleted_bool CHECK (is_deleted IN (0, 1));

ALTER TABLE environments ADD COLUMN deleted_at TEXT;
ALTER TABLE environments ADD COLUMN is_deleted INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_environments_is_deleted_bool CHECK (is_deleted IN (0, 1));

ALTER TABLE api_endpoints ADD COLUMN deleted_at TEXT;
ALTER TABLE api_endpoints ADD COLUMN is_deleted INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_api_endpoints_is_deleted_bool CHECK (is_deleted IN (0, 1));

ALTER TABLE workflows ADD COLUMN deleted_at TEXT;
ALTER TABLE workflows ADD COLUMN is_deleted INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_workflows_is_deleted_bool CHECK (is_deleted IN (0, 1));

DROP INDEX idx_workflows_project_id_status;
CREATE INDEX idx_workflows_project_id_status_active
    ON workflows (project_id, status) WHERE is_deleted = 0;
CREATE INDEX idx_projects_workspace_id_active
    ON projects (workspace_id) WHERE is_deleted = 0;

-- Every existing row starts as not deleted.
-- strata:check post critical expect=0
SELECT count(*) FROM workflows WHERE is_deleted <> 0;
