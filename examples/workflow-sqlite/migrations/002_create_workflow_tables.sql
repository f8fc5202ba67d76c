-- Version: 1.1.0
-- Author: dana.okafor@example.com
-- Ticket: WF-102
-- Breaking: false
-- Depends: 001

-- Workflow definitions: the API endpoints a step can call, their parameters,
-- workflows, ordered workflow steps and the cron schedule of a workflow.
-- Enum columns are stored as integers and limited to the known values.

CREATE TABLE api_endpoints (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description           TEXT,
    url                   TEXT    NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    http_method           TEXT    NOT NULL,
    -- ApiEndpointType: 0 = REST, 1 = SOAP
    endpoint_type         INTEGER NOT NULL DEFAULT 0,
    -- JSON object of default request headers
    headers               TEXT,
    authentication_method TEXT,
    documentation         TEXT,
    is_active             INTEGER NOT NULL DEFAULT 1,
    created_by_user_id    INTEGER NOT NULL
                                  CONSTRAINT fk_api_endpoints_created_by_user_id REFERENCES users (id),
    created_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at            TEXT,
    CONSTRAINT ck_api_endpoints_http_method
        CHECK (http_method IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS')),
    CONSTRAINT ck_api_endpoints_endpoint_type CHECK (endpoint_type IN (0, 1)),
    CONSTRAINT ck_api_endpoints_headers_json CHECK (headers IS NULL OR json_valid(headers)),
    CONSTRAINT ck_api_endpoints_is_active_bool CHECK (is_active IN (0, 1))
);

CREATE TABLE api_parameters (
    id               INTEGER PRIMARY KEY,
    api_endpoint_id  INTEGER NOT NULL
                             CONSTRAINT fk_api_parameters_api_endpoint_id
                             REFERENCES api_endpoints (id) ON DELETE CASCADE,
    name             TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description      TEXT,
    -- ParameterType: 0 String, 1 Integer, 2 Boolean, 3 Decimal, 4 DateTime, 5 Object, 6 Array
    parameter_type   INTEGER NOT NULL DEFAULT 0,
    is_required      INTEGER NOT NULL DEFAULT 0,
    default_value    TEXT,
    validation_rules TEXT,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT,
    CONSTRAINT uq_api_parameters_api_endpoint_id_name UNIQUE (api_endpoint_id, name),
    CONSTRAINT ck_api_parameters_parameter_type CHECK (parameter_type BETWEEN 0 AND 6),
    CONSTRAINT ck_api_parameters_is_required_bool CHECK (is_required IN (0, 1)),
    CONSTRAINT ck_api_parameters_validation_rules_json
        CHECK (validation_rules IS NULL OR json_valid(validation_rules))
);

CREATE TABLE workflows (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description        TEXT,
    project_id         INTEGER NOT NULL
                               CONSTRAINT fk_workflows_project_id REFERENCES projects (id),
    environment_id     INTEGER NOT NULL
                               CONSTRAINT fk_workflows_environment_id REFERENCES environments (id),
    -- WorkflowStatus: 0 = Draft, 1 = Published, 2 = Inactive
    status             INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    requires_approval  INTEGER NOT NULL DEFAULT 0,
    -- comma separated free-form tags
    tags               TEXT,
    configuration      TEXT,
    created_by_user_id INTEGER NOT NULL
                               CONSTRAINT fk_workflows_created_by_user_id REFERENCES users (id),
    created_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT,
    CONSTRAINT ck_workflows_status CHECK (status IN (0, 1, 2)),
    CONSTRAINT ck_workflows_version_positive CHECK (version >= 1),
    CONSTRAINT ck_workflows_requires_approval_bool CHECK (requires_approval IN (0, 1)),
    CONSTRAINT ck_workflows_configuration_json
        CHECK (configuration IS NULL OR json_valid(configuration))
);

CREATE TABLE workflow_steps (
    id                  INTEGER PRIMARY KEY,
    workflow_id         INTEGER NOT NULL
                                CONSTRAINT fk_workflow_steps_workflow_id
                                REFERENCES workflows (id) ON DELETE CASCADE,
    name                TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description         TEXT,
    -- "Order" in the original design, renamed to avoid a reserved word.
    step_order          INTEGER NOT NULL,
    api_endpoint_id     INTEGER NOT NULL
                                CONSTRAINT fk_workflow_steps_api_endpoint_id REFERENCES api_endpoints (id),
    input_mapping       TEXT,
    output_mapping      TEXT,
    error_handling      TEXT,
    is_optional         INTEGER NOT NULL DEFAULT 0,
    timeout_seconds     INTEGER NOT NULL DEFAULT 30,
    retry_count         INTEGER NOT NULL DEFAULT 0,
    retry_delay_seconds INTEGER NOT NULL DEFAULT 1,
    -- expression evaluated by the engine to decide whether the step runs
    run_condition       TEXT,
    created_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at          TEXT,
    CONSTRAINT uq_workflow_steps_workflow_id_step_order UNIQUE (workflow_id, step_order),
    CONSTRAINT ck_workflow_steps_step_order_positive CHECK (step_order >= 1),
    CONSTRAINT ck_workflow_steps_timeout_seconds_positive CHECK (timeout_seconds > 0),
    CONSTRAINT ck_workflow_steps_retry_count_non_negative CHECK (retry_count >= 0),
    CONSTRAINT ck_workflow_steps_retry_delay_non_negative CHECK (retry_delay_seconds >= 0),
    CONSTRAINT ck_workflow_steps_is_optional_bool CHECK (is_optional IN (0, 1)),
    CONSTRAINT ck_workflow_steps_input_mapping_json
        CHECK (input_mapping IS NULL OR json_valid(input_mapping)),
    CONSTRAINT ck_workflow_steps_output_mapping_json
        CHECK (output_mapping IS NULL OR json_valid(output_mapping)),
    CONSTRAINT ck_workflow_steps_error_handling_json
        CHECK (error_handling IS NULL OR json_valid(error_handling))
);

-- At most one schedule per workflow.
CREATE TABLE workflow_schedules (
    id              INTEGER PRIMARY KEY,
    workflow_id     INTEGER NOT NULL
                            CONSTRAINT fk_workflow_schedules_workflow_id
                            REFERENCES workflows (id) ON DELETE CASCADE,
    cron_expression TEXT    NOT NULL,
    time_zone       TEXT    NOT NULL DEFAULT 'UTC',
    starts_at       TEXT,
    ends_at         TEXT,
    description     TEXT,
    is_active       INTEGER NOT NULL DEFAULT 1,
    next_run_at     TEXT,
    last_run_at     TEXT,
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at      TEXT,
    CONSTRAINT uq_workflow_schedules_workflow_id UNIQUE (workflow_id),
    -- basic sanity check only: "* * * * *" is the shortest valid expression
    CONSTRAINT ck_workflow_schedules_cron_expression_length CHECK (length(cron_expression) >= 9),
    CONSTRAINT ck_workflow_schedules_window CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),
    CONSTRAINT ck_workflow_schedules_is_active_bool CHECK (is_active IN (0, 1))
);
