-- Version: 1.3.0
-- Author: tomas.novak@example.com
-- Ticket: SKMS-31
-- Breaking: false
-- strata:up

-- High-volume logs as partitioned tables.
--
-- audit_logs: range-partitioned by month on created_at, so retention is a
-- cheap DETACH/DROP of an old partition instead of a mass DELETE. A DEFAULT
-- partition catches rows outside the pre-created months until the next
-- partition is added. The primary key has to include the partition key.
-- Rows are append-only: a trigger rejects UPDATE and DELETE of single rows
-- (dropping or detaching a whole partition is still possible).
--
-- system_events: list-partitioned by severity so the small, hot set of
-- critical/high events is kept apart from the routine noise.

CREATE TABLE audit_logs (
    id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
    event_type           text        NOT NULL,
    event_category       text        NOT NULL,
    action               text        NOT NULL,
    -- No ON DELETE action: the append-only trigger would reject the UPDATE a
    -- SET NULL implies. Users with audit history are deactivated or
    -- anonymised, not deleted.
    user_id              uuid
                         CONSTRAINT fk_audit_logs_user_id REFERENCES users (id),
    resource_type        text,
    resource_id          uuid,
    session_id           text,
    request_id           text,
    api_endpoint         text,
    http_method          text,
    ip_address           inet,
    user_agent           text,
    result               text        NOT NULL,
    error_code           text,
    error_message        text,
    details              jsonb       NOT NULL DEFAULT '{}'::jsonb,
    sensitive_data_hash  text,
    retention_expires_at timestamptz,
    is_suspicious        boolean     NOT NULL DEFAULT false,
    compliance_flags     text[]      NOT NULL DEFAULT '{}',
    checksum             text        NOT NULL,  -- tamper detection
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_audit_logs PRIMARY KEY (id, created_at),
    CONSTRAINT ck_audit_logs_event_category
        CHECK (event_category IN ('authentication', 'authorization', 'key_management', 'api_access', 'system')),
    CONSTRAINT ck_audit_logs_result CHECK (result IN ('success', 'failure', 'error')),
    CONSTRAINT ck_audit_logs_http_method
        CHECK (http_method IS NULL OR http_method IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')),
    CONSTRAINT ck_audit_logs_compliance_flags_known
        CHECK (compliance_flags <@ ARRAY['gdpr', 'sox', 'pci_dss']::text[])
) PARTITION BY RANGE (created_at);

CREATE TABLE audit_logs_2025_01 PARTITION OF audit_logs
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00');
CREATE TABLE audit_logs_2025_02 PARTITION OF audit_logs
    FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00');
CREATE TABLE audit_logs_2025_03 PARTITION OF audit_logs
    FOR VALUES FROM ('2025-03-01 00:00:00+00') TO ('2025-04-01 00:00:00+00');
CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT;

-- Indexes created on the parent are created on every partition.
CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id);
CREATE INDEX idx_audit_logs_created_at ON audit_logs (created_at DESC);
CREATE INDEX idx_audit_logs_event_type ON audit_logs (event_type);
CREATE INDEX idx_audit_logs_resource_type_resource_id ON audit_logs (resource_type, resource_id);
CREATE INDEX idx_audit_logs_created_at_suspicious ON audit_logs (created_at) WHERE is_suspicious;

CREATE FUNCTION audit_logs_reject_modification() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'audit_logs is append-only (% rejected)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER trg_audit_logs_append_only
    BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_reject_modification();

CREATE TABLE system_events (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    event_type text        NOT NULL,
    severity   text        NOT NULL,
    component  text        NOT NULL,
    message    text        NOT NULL,
    details    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    hostname   text,
    process_id integer,
    thread_id  text,
    trace_id   text,
    span_id    text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_system_events PRIMARY KEY (id, severity),
    CONSTRAINT ck_system_events_event_type
        CHECK (event_type IN ('startup', 'shutdown', 'error', 'warning', 'info')),
    CONSTRAINT ck_system_events_severity CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info'))
) PARTITION BY LIST (severity);

CREATE TABLE system_events_urgent PARTITION OF system_events
    FOR VALUES IN ('critical', 'high');
CREATE TABLE system_events_routine PARTITION OF system_events
    FOR VALUES IN ('medium', 'low', 'info');

CREATE INDEX idx_system_events_created_at ON system_events (created_at DESC);
CREATE INDEX idx_system_events_component_created_at ON system_events (component, created_at DESC);
CREATE INDEX idx_system_events_trace_id ON system_events (trace_id) WHERE trace_id IS NOT NULL;

-- strata:down

-- Dropping a partitioned table drops all of its partitions, their indexes
-- and the trigger.
DROP TABLE system_events;
DROP TABLE audit_logs;
DROP FUNCTION audit_logs_reject_modification();
