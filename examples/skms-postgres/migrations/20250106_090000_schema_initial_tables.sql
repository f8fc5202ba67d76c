-- Version: 1.0.0
-- Author: lena.fischer@example.com
-- Ticket: SKMS-12
-- Breaking: false
-- strata:up

-- Initial SKMS metadata schema: identities (users, roles, role assignments,
-- API keys), key metadata (no key material in clear: only wrapped material
-- or a reference into the HSM / cloud KMS), key relationships, system
-- settings and feature flags.
--
-- Conventions: uuid primary keys (gen_random_uuid() is built in since PG13),
-- timestamptz, jsonb and text, constraints named uq_/fk_/ck_, indexes idx_.
-- Every foreign key column is indexed, either by its own idx_ index or by
-- being the leading column of a unique constraint (noted where that applies).

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TABLE users (
    id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    username              text        NOT NULL,
    email                 text        NOT NULL,
    password_hash         text        NOT NULL,  -- Argon2id, PHC string format
    password_salt         text        NOT NULL,
    is_active             boolean     NOT NULL DEFAULT true,
    is_admin              boolean     NOT NULL DEFAULT false,
    is_mfa_enabled        boolean     NOT NULL DEFAULT false,
    mfa_secret_encrypted  text,                  -- TOTP secret, envelope-encrypted
    failed_login_attempts integer     NOT NULL DEFAULT 0,
    lockout_expires_at    timestamptz,
    last_login_at         timestamptz,
    password_changed_at   timestamptz NOT NULL DEFAULT now(),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_users_username UNIQUE (username),
    CONSTRAINT uq_users_email UNIQUE (email),
    CONSTRAINT ck_users_username_length CHECK (char_length(username) BETWEEN 3 AND 255),
    CONSTRAINT ck_users_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT ck_users_failed_login_attempts_non_negative CHECK (failed_login_attempts >= 0),
    CONSTRAINT ck_users_mfa_secret_present CHECK (NOT is_mfa_enabled OR mfa_secret_encrypted IS NOT NULL)
);

CREATE INDEX idx_users_last_login_at ON users (last_login_at DESC);
-- Login lookups are case-insensitive on the e-mail address.
CREATE UNIQUE INDEX uq_users_lower_email ON users (lower(email));

CREATE TABLE roles (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL,
    description text,
    permissions jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_roles_name UNIQUE (name),
    CONSTRAINT ck_roles_permissions_is_array CHECK (jsonb_typeof(permissions) = 'array')
);

CREATE TABLE user_roles (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL
                CONSTRAINT fk_user_roles_user_id REFERENCES users (id) ON DELETE CASCADE,
    role_id     uuid        NOT NULL
                CONSTRAINT fk_user_roles_role_id REFERENCES roles (id) ON DELETE CASCADE,
    assigned_by uuid        NOT NULL
                CONSTRAINT fk_user_roles_assigned_by REFERENCES users (id),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    -- also serves as the index for fk_user_roles_user_id (leading column)
    CONSTRAINT uq_user_roles_user_id_role_id UNIQUE (user_id, role_id),
    CONSTRAINT ck_user_roles_expires_after_assigned CHECK (expires_at IS NULL OR expires_at > assigned_at)
);

CREATE INDEX idx_user_roles_role_id ON user_roles (role_id);
CREATE INDEX idx_user_roles_assigned_by ON user_roles (assigned_by);

CREATE TABLE api_keys (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name                text        NOT NULL,
    key_hash            text        NOT NULL,  -- SHA-256 of the key, never the key itself
    user_id             uuid
                        CONSTRAINT fk_api_keys_user_id REFERENCES users (id) ON DELETE CASCADE,
    permissions         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    rate_limit_per_hour integer     NOT NULL DEFAULT 1000,
    is_active           boolean     NOT NULL DEFAULT true,
    last_used_at        timestamptz,
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_api_keys_key_hash UNIQUE (key_hash),
    CONSTRAINT ck_api_keys_name_length CHECK (char_length(name) >= 3),
    CONSTRAINT ck_api_keys_rate_limit_positive CHECK (rate_limit_per_hour > 0),
    CONSTRAINT ck_api_keys_permissions_is_array CHECK (jsonb_typeof(permissions) = 'array')
);

CREATE INDEX idx_api_keys_user_id ON api_keys (user_id);
CREATE INDEX idx_api_keys_expires_at ON api_keys (expires_at) WHERE is_active AND expires_at IS NOT NULL;

CREATE TABLE keys (
    id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name                 text        NOT NULL,
    description          text,
    key_type             text        NOT NULL,
    key_size             integer     NOT NULL,
    usage_types          text[]      NOT NULL,
    status               text        NOT NULL DEFAULT 'active',
    algorithm            text        NOT NULL,
    curve_name           text,                 -- ECC keys only
    public_key           text,                 -- base64
    fingerprint          text        NOT NULL, -- SHA-256 of the public key
    key_store_type       text        NOT NULL,
    key_store_ref        text        NOT NULL, -- handle of the key in the HSM / KMS
    wrapped_key_material text,                 -- only for key_store_type = 'software'
    created_by           uuid        NOT NULL
                         CONSTRAINT fk_keys_created_by REFERENCES users (id),
    expires_at           timestamptz,
    revoked_at           timestamptz,
    revoked_by           uuid
                         CONSTRAINT fk_keys_revoked_by REFERENCES users (id),
    revocation_reason    text,
    tags                 jsonb       NOT NULL DEFAULT '[]'::jsonb,
    metadata             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_keys_fingerprint UNIQUE (fingerprint),
    CONSTRAINT ck_keys_name_not_empty CHECK (char_length(name) >= 1),
    CONSTRAINT ck_keys_key_type CHECK (key_type IN ('rsa', 'ecdsa', 'ed25519', 'aes', 'chacha20')),
    CONSTRAINT ck_keys_key_size_positive CHECK (key_size > 0),
    CONSTRAINT ck_keys_status CHECK (status IN ('active', 'expired', 'revoked', 'compromised')),
    CONSTRAINT ck_keys_usage_types_not_empty CHECK (cardinality(usage_types) > 0),
    CONSTRAINT ck_keys_usage_types_known
        CHECK (usage_types <@ ARRAY['signing', 'encryption', 'key_agreement']::text[]),
    CONSTRAINT ck_keys_key_store_type CHECK (key_store_type IN ('hsm', 'software', 'cloud_kms')),
    CONSTRAINT ck_keys_software_key_is_wrapped
        CHECK (key_store_type <> 'software' OR wrapped_key_material IS NOT NULL),
    CONSTRAINT ck_keys_revocation_recorded
        CHECK (status NOT IN ('revoked', 'compromised') OR revoked_at IS NOT NULL)
);

CREATE INDEX idx_keys_created_by ON keys (created_by);
CREATE INDEX idx_keys_revoked_by ON keys (revoked_by);
CREATE INDEX idx_keys_status ON keys (status);
CREATE INDEX idx_keys_key_type ON keys (key_type);
CREATE INDEX idx_keys_expires_at ON keys (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX idx_keys_tags ON keys USING gin (tags jsonb_path_ops);

CREATE TABLE key_relationships (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    parent_key_id     uuid        NOT NULL
                      CONSTRAINT fk_key_relationships_parent_key_id REFERENCES keys (id) ON DELETE CASCADE,
    child_key_id      uuid        NOT NULL
                      CONSTRAINT fk_key_relationships_child_key_id REFERENCES keys (id) ON DELETE CASCADE,
    relationship_type text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    -- also serves as the index for fk_key_relationships_parent_key_id
    CONSTRAINT uq_key_relationships_parent_key_id_child_key_id_type
        UNIQUE (parent_key_id, child_key_id, relationship_type),
    CONSTRAINT ck_key_relationships_type
        CHECK (relationship_type IN ('rotation', 'derivation', 'backup', 'recovery')),
    CONSTRAINT ck_key_relationships_not_self CHECK (parent_key_id <> child_key_id)
);

CREATE INDEX idx_key_relationships_child_key_id ON key_relationships (child_key_id);

CREATE TABLE system_settings (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    setting_key      text        NOT NULL,
    setting_value    jsonb       NOT NULL,
    description      text,
    is_sensitive     boolean     NOT NULL DEFAULT false,
    is_readonly      boolean     NOT NULL DEFAULT false,
    value_type       text        NOT NULL,
    validation_rules jsonb,
    version          integer     NOT NULL DEFAULT 1,
    previous_value   jsonb,
    updated_by       uuid
                     CONSTRAINT fk_system_settings_updated_by REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_system_settings_setting_key UNIQUE (setting_key),
    CONSTRAINT ck_system_settings_value_type
        CHECK (value_type IN ('string', 'integer', 'boolean', 'json', 'array')),
    CONSTRAINT ck_system_settings_version_positive CHECK (version >= 1)
);

CREATE INDEX idx_system_settings_updated_by ON system_settings (updated_by);

CREATE TABLE feature_flags (
    id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    flag_name            text        NOT NULL,
    description          text,
    is_enabled           boolean     NOT NULL DEFAULT false,
    enabled_for_user_ids uuid[]      NOT NULL DEFAULT '{}',
    enabled_for_role_ids uuid[]      NOT NULL DEFAULT '{}',
    rollout_percentage   integer     NOT NULL DEFAULT 0,
    created_by           uuid        NOT NULL
                         CONSTRAINT fk_feature_flags_created_by REFERENCES users (id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_feature_flags_flag_name UNIQUE (flag_name),
    CONSTRAINT ck_feature_flags_rollout_percentage CHECK (rollout_percentage BETWEEN 0 AND 100)
);

CREATE INDEX idx_feature_flags_created_by ON feature_flags (created_by);

CREATE TRIGGER trg_users_set_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_roles_set_updated_at
    BEFORE UPDATE ON roles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_keys_set_updated_at
    BEFORE UPDATE ON keys
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_system_settings_set_updated_at
    BEFORE UPDATE ON system_settings
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_feature_flags_set_updated_at
    BEFORE UPDATE ON feature_flags
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- strata:down

-- Dropping a table drops its indexes, constraints and triggers with it.
DROP TABLE feature_flags;
DROP TABLE system_settings;
DROP TABLE key_relationships;
DROP TABLE keys;
DROP TABLE api_keys;
DROP TABLE user_roles;
DROP TABLE roles;
DROP TABLE users;
DROP FUNCTION set_updated_at();
