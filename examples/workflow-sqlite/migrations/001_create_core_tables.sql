-- Version: 1.0.0
-- Author: dana.okafor@example.com
-- Ticket: WF-101
-- Breaking: false

-- Core tenancy tables: roles, users, workspaces, workspace membership,
-- projects and environments.
--
-- Type mapping used throughout this project (SQL Server -> SQLite):
--   INT IDENTITY(1,1) PRIMARY KEY  -> INTEGER PRIMARY KEY (rowid alias)
--   NVARCHAR(n) / NVARCHAR(MAX)    -> TEXT (length limits become CHECKs where they matter)
--   BIT                            -> INTEGER holding 0/1, guarded by a CHECK
--   DATETIME2 + GETUTCDATE()       -> TEXT, ISO-8601 UTC, default strftime(... 'now')
--   JSON in NVARCHAR(MAX)          -> TEXT guarded by json_valid()
--
-- Soft-delete columns (deleted_at / is_deleted) are introduced later, in 005.

-- Reference table for the UserRole enum. The ids are the enum values the
-- application already uses, so they are inserted explicitly.
CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CONSTRAINT uq_roles_name UNIQUE,
    description TEXT
);

INSERT INTO roles (id, name, description) VALUES
    (0, 'Admin',          'Full access to every workspace and system setting'),
    (1, 'ProjectManager', 'Manages projects, environments and approvals'),
    (2, 'Developer',      'Builds and runs workflows'),
    (3, 'Viewer',         'Read-only access');

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    first_name          TEXT    NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    last_name           TEXT    NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
    email               TEXT    NOT NULL COLLATE NOCASE,
    password_hash       TEXT    NOT NULL,
    phone_number        TEXT,
    role_id             INTEGER NOT NULL DEFAULT 3
                                CONSTRAINT fk_users_role_id REFERENCES roles (id),
    department          TEXT,
    job_title           TEXT,
    manager_email       TEXT,
    time_zone           TEXT    NOT NULL DEFAULT 'UTC',
    profile_picture_url TEXT,
    is_active           INTEGER NOT NULL DEFAULT 1,
    last_login_at       TEXT,
    created_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at          TEXT,
    CONSTRAINT uq_users_email UNIQUE (email),
    CONSTRAINT ck_users_email_format CHECK (email LIKE '%_@_%._%'),
    CONSTRAINT ck_users_is_active_bool CHECK (is_active IN (0, 1))
);

CREATE TABLE workspaces (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description        TEXT,
    is_active          INTEGER NOT NULL DEFAULT 1,
    created_by_user_id INTEGER NOT NULL
                               CONSTRAINT fk_workspaces_created_by_user_id REFERENCES users (id),
    created_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT,
    -- Business rule from the design: workspace names are unique system-wide.
    CONSTRAINT uq_workspaces_name UNIQUE (name),
    CONSTRAINT ck_workspaces_is_active_bool CHECK (is_active IN (0, 1))
);

-- Many-to-many between users and workspaces, with a per-workspace role.
CREATE TABLE user_workspaces (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL
                         CONSTRAINT fk_user_workspaces_user_id REFERENCES users (id),
    workspace_id INTEGER NOT NULL
                         CONSTRAINT fk_user_workspaces_workspace_id REFERENCES workspaces (id),
    role_id      INTEGER NOT NULL DEFAULT 3
                         CONSTRAINT fk_user_workspaces_role_id REFERENCES roles (id),
    joined_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    is_active    INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT uq_user_workspaces_user_id_workspace_id UNIQUE (user_id, workspace_id),
    CONSTRAINT ck_user_workspaces_is_active_bool CHECK (is_active IN (0, 1))
);

CREATE TABLE projects (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description        TEXT,
    workspace_id       INTEGER NOT NULL
                               CONSTRAINT fk_projects_workspace_id REFERENCES workspaces (id),
    is_active          INTEGER NOT NULL DEFAULT 1,
    created_by_user_id INTEGER NOT NULL
                               CONSTRAINT fk_projects_created_by_user_id REFERENCES users (id),
    created_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT,
    -- Project names are unique within a workspace.
    CONSTRAINT uq_projects_workspace_id_name UNIQUE (workspace_id, name),
    CONSTRAINT ck_projects_is_active_bool CHECK (is_active IN (0, 1))
);

CREATE TABLE environments (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description        TEXT,
    project_id         INTEGER NOT NULL
                               CONSTRAINT fk_environments_project_id REFERENCES projects (id),
    -- e.g. {"timeout": 120, "retries": 3, "maxConcurrentExecutions": 5}
    configuration      TEXT,
    -- flat key/value map, e.g. {"API_URL": "https://api.example.com"}
    variables          TEXT,
    is_active          INTEGER NOT NULL DEFAULT 1,
    created_by_user_id INTEGER NOT NULL
                               CONSTRAINT fk_environments_created_by_user_id REFERENCES users (id),
    created_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT,
    CONSTRAINT uq_environments_project_id_name UNIQUE (project_id, name),
    CONSTRAINT ck_environments_configuration_json
        CHECK (configuration IS NULL OR json_valid(configuration)),
    CONSTRAINT ck_environments_variables_json
        CHECK (variables IS NULL OR json_valid(variables)),
    CONSTRAINT ck_environments_is_active_bool CHECK (is_active IN (0, 1))
);
