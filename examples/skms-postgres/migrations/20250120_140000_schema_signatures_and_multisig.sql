-- Version: 1.2.0
-- Author: tomas.novak@example.com
-- Ticket: SKMS-23
-- Breaking: false
-- strata:up

-- Signature records and m-of-n multi-signature schemes. Only hashes of the
-- signed data are stored, never the data itself.

CREATE TABLE signatures (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    key_id              uuid        NOT NULL
                        CONSTRAINT fk_signatures_key_id REFERENCES keys (id),
    signature_value     text        NOT NULL,  -- base64
    signature_algorithm text        NOT NULL,
    hash_algorithm      text        NOT NULL,
    signature_format    text        NOT NULL,
    data_hash           text        NOT NULL,
    data_size_bytes     bigint      NOT NULL,
    purpose             text,
    description         text,
    is_verified         boolean     NOT NULL DEFAULT false,
    verified_at         timestamptz,
    metadata            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_by          uuid        NOT NULL
                        CONSTRAINT fk_signatures_created_by REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_signatures_signature_format CHECK (signature_format IN ('raw', 'asn1', 'jose', 'der')),
    CONSTRAINT ck_signatures_data_size_positive CHECK (data_size_bytes > 0),
    CONSTRAINT ck_signatures_verified_at_present CHECK (NOT is_verified OR verified_at IS NOT NULL)
);

CREATE INDEX idx_signatures_key_id ON signatures (key_id);
CREATE INDEX idx_signatures_created_by ON signatures (created_by);
CREATE INDEX idx_signatures_created_at ON signatures (created_at DESC);

CREATE TABLE multisig_schemes (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name               text        NOT NULL,
    description        text,
    threshold          integer     NOT NULL,
    total_participants integer     NOT NULL,
    scheme_type        text        NOT NULL,
    status             text        NOT NULL DEFAULT 'active',
    metadata           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_by         uuid        NOT NULL
                       CONSTRAINT fk_multisig_schemes_created_by REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_multisig_schemes_threshold_positive CHECK (threshold > 0),
    CONSTRAINT ck_multisig_schemes_threshold_within_total CHECK (threshold <= total_participants),
    CONSTRAINT ck_multisig_schemes_scheme_type CHECK (scheme_type IN ('threshold', 'weighted')),
    CONSTRAINT ck_multisig_schemes_status CHECK (status IN ('active', 'disabled', 'retired'))
);

CREATE INDEX idx_multisig_schemes_created_by ON multisig_schemes (created_by);

CREATE TABLE multisig_participants (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    scheme_id         uuid        NOT NULL
                      CONSTRAINT fk_multisig_participants_scheme_id
                      REFERENCES multisig_schemes (id) ON DELETE CASCADE,
    key_id            uuid        NOT NULL
                      CONSTRAINT fk_multisig_participants_key_id REFERENCES keys (id),
    participant_index integer     NOT NULL,
    weight            integer     NOT NULL DEFAULT 1,
    is_active         boolean     NOT NULL DEFAULT true,
    added_by          uuid        NOT NULL
                      CONSTRAINT fk_multisig_participants_added_by REFERENCES users (id),
    added_at          timestamptz NOT NULL DEFAULT now(),
    -- both unique constraints lead with scheme_id, which covers fk_multisig_participants_scheme_id
    CONSTRAINT uq_multisig_participants_scheme_id_participant_index UNIQUE (scheme_id, participant_index),
    CONSTRAINT uq_multisig_participants_scheme_id_key_id UNIQUE (scheme_id, key_id),
    CONSTRAINT ck_multisig_participants_index_non_negative CHECK (participant_index >= 0),
    CONSTRAINT ck_multisig_participants_weight_positive CHECK (weight > 0)
);

CREATE INDEX idx_multisig_participants_key_id ON multisig_participants (key_id);
CREATE INDEX idx_multisig_participants_added_by ON multisig_participants (added_by);

CREATE TABLE multisig_operations (
    id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    scheme_id            uuid        NOT NULL
                         CONSTRAINT fk_multisig_operations_scheme_id REFERENCES multisig_schemes (id),
    data_hash            text        NOT NULL,
    operation_type       text        NOT NULL,
    status               text        NOT NULL DEFAULT 'pending',
    required_signatures  integer     NOT NULL,
    collected_signatures integer     NOT NULL DEFAULT 0,
    final_signature      text,
    metadata             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    initiated_by         uuid        NOT NULL
                         CONSTRAINT fk_multisig_operations_initiated_by REFERENCES users (id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    completed_at         timestamptz,
    CONSTRAINT ck_multisig_operations_operation_type CHECK (operation_type IN ('sign', 'verify')),
    CONSTRAINT ck_multisig_operations_status
        CHECK (status IN ('pending', 'completed', 'failed', 'expired')),
    CONSTRAINT ck_multisig_operations_required_positive CHECK (required_signatures > 0),
    CONSTRAINT ck_multisig_operations_collected_non_negative CHECK (collected_signatures >= 0),
    CONSTRAINT ck_multisig_operations_completion_recorded
        CHECK (status <> 'completed' OR (completed_at IS NOT NULL AND final_signature IS NOT NULL))
);

CREATE INDEX idx_multisig_operations_scheme_id ON multisig_operations (scheme_id);
CREATE INDEX idx_multisig_operations_initiated_by ON multisig_operations (initiated_by);
CREATE INDEX idx_multisig_operations_created_at_pending
    ON multisig_operations (created_at) WHERE status = 'pending';

CREATE TRIGGER trg_multisig_schemes_set_updated_at
    BEFORE UPDATE ON multisig_schemes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- strata:down

DROP TABLE multisig_operations;
DROP TABLE multisig_participants;
DROP TABLE multisig_schemes;
DROP TABLE signatures;
