-- Version: 1.3.1
-- Author: amara.diallo@example.com
-- Ticket: SKMS-34
-- Breaking: false
-- strata:up

-- Reference data every environment needs: the built-in roles and the
-- default system settings (values mirror the session / token TTL policy).
-- Rows are identified by their natural keys (roles.name,
-- system_settings.setting_key), so the down section can remove exactly
-- these rows and nothing an operator added later.

INSERT INTO roles (name, description, permissions) VALUES
    ('admin',
     'Full administrative access, including user and role management',
     '["users:*", "roles:*", "keys:*", "wallets:*", "signatures:*", "settings:*", "audit:read"]'),
    ('key_custodian',
     'Creates, rotates and revokes cryptographic keys',
     '["keys:create", "keys:rotate", "keys:revoke", "keys:read", "audit:read"]'),
    ('signer',
     'Requests signatures with keys it has been granted',
     '["keys:read", "signatures:create", "signatures:read", "multisig:approve"]'),
    ('auditor',
     'Read-only access to metadata and the audit trail',
     '["keys:read", "wallets:read", "signatures:read", "audit:read"]'),
    ('viewer',
     'Read-only access to non-sensitive metadata',
     '["keys:read", "wallets:read"]');

INSERT INTO system_settings (setting_key, setting_value, value_type, description, is_readonly) VALUES
    ('auth.max_failed_login_attempts', '5',    'integer', 'Failed logins before the account is locked', false),
    ('auth.lockout_minutes',           '30',   'integer', 'How long a locked account stays locked', false),
    ('auth.password_reset_ttl_minutes','15',   'integer', 'Lifetime of a password reset token', false),
    ('auth.mfa_token_ttl_seconds',     '30',   'integer', 'Lifetime of a TOTP token', true),
    ('session.ttl_hours',              '8',    'integer', 'Session lifetime', false),
    ('api.default_rate_limit_per_hour','1000', 'integer', 'Default API key rate limit', false),
    ('lock.max_hold_seconds',          '300',  'integer', 'Upper bound for distributed resource locks', true),
    ('audit.compliance_flags',         '["gdpr", "sox", "pci_dss"]', 'array',
                                       'Compliance regimes the audit trail is tagged for', false);

-- Post-validation (seed 003): every built-in role is there, or the migration is
-- rolled back; the read-only settings are flagged as such, or a warning is kept.
-- strata:check post critical expect=5
SELECT count(*) FROM roles
WHERE name IN ('admin', 'key_custodian', 'signer', 'auditor', 'viewer');
-- strata:check post expect=true
SELECT bool_and(is_readonly) FROM system_settings
WHERE setting_key IN ('auth.mfa_token_ttl_seconds', 'lock.max_hold_seconds');

-- strata:down

-- Deleting a role cascades to user_roles, i.e. assignments of these
-- built-in roles made since the up migration are removed as well.
DELETE FROM system_settings
WHERE setting_key IN (
    'auth.max_failed_login_attempts',
    'auth.lockout_minutes',
    'auth.password_reset_ttl_minutes',
    'auth.mfa_token_ttl_seconds',
    'session.ttl_hours',
    'api.default_rate_limit_per_hour',
    'lock.max_hold_seconds',
    'audit.compliance_flags'
);

DELETE FROM roles
WHERE name IN ('admin', 'key_custodian', 'signer', 'auditor', 'viewer');
