-- Version: 1.6.0
-- Author: marek.lindqvist@example.com
-- Ticket: WF-140
-- Breaking: false
-- Depends: 005

-- 1. updated_at maintenance (the tr_Users_UpdatedAt idea of the original,
--    applied to every table that has an updated_at column). The WHEN clause
--    leaves an explicitly supplied updated_at alone and stops the UPDATE done
--    by the trigger itself from firing it again.
-- 2. An audit trail for workflow definitions: every insert, change, soft
--    delete / restore and hard delete of a workflow writes a row into
--    workflow_audit_logs. SQLite has no session user, so the acting user is
--    not recorded here, the application logs it alongside.

CREATE TABLE workflow_audit_logs (
    id          INTEGER PRIMARY KEY,
    -- no foreign key on purpose: audit rows must outlive a hard delete
    workflow_id INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    old_values  TEXT,
    new_values  TEXT,
    changed_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT ck_workflow_audit_logs_action
        CHECK (action IN ('insert', 'update', 'soft_delete', 'restore', 'delete')),
    CONSTRAINT ck_workflow_audit_logs_old_values_json CHECK (old_values IS NULL OR json_valid(old_values)),
    CONSTRAINT ck_workflow_audit_logs_new_values_json CHECK (new_values IS NULL OR json_valid(new_values))
);

CREATE INDEX idx_workflow_audit_logs_workflow_id_changed_at
    ON workflow_audit_logs (workflow_id, changed_at);

-- ---------------------------------------------------------------------------
-- updated_at triggers
-- ---------------------------------------------------------------------------

CREATE TRIGGER trg_users_set_updated_at
AFTER UPDATE ON users
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE users SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_workspaces_set_updated_at
AFTER UPDATE ON workspaces
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workspaces SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_projects_set_updated_at
AFTER UPDATE ON projects
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE projects SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_environments_set_updated_at
AFTER UPDATE ON environments
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE environments SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_api_endpoints_set_updated_at
AFTER UPDATE ON api_endpoints
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE api_endpoints SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_api_parameters_set_updated_at
AFTER UPDATE ON api_parameters
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE api_parameters SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_workflows_set_updated_at
AFTER UPDATE ON workflows
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflows SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_workflow_steps_set_updated_at
AFTER UPDATE ON workflow_steps
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflow_steps SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER trg_workflow_schedules_set_updated_at
AFTER UPDATE ON workflow_schedules
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflow_schedules SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- ---------------------------------------------------------------------------
-- workflow audit triggers
-- ---------------------------------------------------------------------------

CREATE TRIGGER trg_workflows_audit_insert
AFTER INSERT ON workflows
FOR EACH ROW
BEGIN
    INSERT INTO workflow_audit_logs (workflow_id, action, old_values, new_values)
    VALUES (
        NEW.id,
        'insert',
        NULL,
        json_object('name', NEW.name, 'status', NEW.status, 'version', NEW.version,
                    'environment_id', NEW.environment_id,
                    'requires_approval', NEW.requires_approval)
    );
END;

-- Only business columns are listed, so the UPDATE issued by the updated_at
-- trigger does not produce a second audit row.
CREATE TRIGGER trg_workflows_audit_update
AFTER UPDATE OF name, description, status, version, requires_approval,
                environment_id, configuration, is_deleted ON workflows
FOR EACH ROW
BEGIN
    INSERT INTO workflow_audit_logs (workflow_id, action, old_values, new_values)
    VALUES (
        NEW.id,
        CASE
            WHEN OLD.is_deleted = 0 AND NEW.is_deleted = 1 THEN 'soft_delete'
            WHEN OLD.is_deleted = 1 AND NEW.is_deleted = 0 THEN 'restore'
            ELSE 'update'
        END,
        json_object('name', OLD.name, 'status', OLD.status, 'version', OLD.version,
                    'environment_id', OLD.environment_id,
                    'requires_approval', OLD.requires_approval, 'is_deleted', OLD.is_deleted),
        json_object('name', NEW.name, 'status', NEW.status, 'version', NEW.version,
                    'environment_id', NEW.environment_id,
                    'requires_approval', NEW.requires_approval, 'is_deleted', NEW.is_deleted)
    );
END;

CREATE TRIGGER trg_workflows_audit_delete
AFTER DELETE ON workflows
FOR EACH ROW
BEGIN
    INSERT INTO workflow_audit_logs (workflow_id, action, old_values, new_values)
    VALUES (
        OLD.id,
        'delete',
        json_object('name', OLD.name, 'status', OLD.status, 'version', OLD.version,
                    'environment_id', OLD.environment_id,
                    'requires_approval', OLD.requires_approval, 'is_deleted', OLD.is_deleted),
        NULL
    );
END;
