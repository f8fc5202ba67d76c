-- Version: 1.1.0
-- Author: lena.fischer@example.com
-- Ticket: SKMS-19
-- Breaking: false
-- strata:up

-- BIP32/BIP44 hierarchical deterministic wallets and the addresses derived
-- from them. The master private key lives in the key store, hd_wallets only
-- points at its metadata row in keys.

CREATE TABLE hd_wallets (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name                text        NOT NULL,
    description         text,
    blockchain          text        NOT NULL,
    derivation_path     text        NOT NULL,  -- BIP44 account path, e.g. m/44'/501'/0'/0'
    master_public_key   text        NOT NULL,  -- xpub
    master_key_id       uuid        NOT NULL
                        CONSTRAINT fk_hd_wallets_master_key_id REFERENCES keys (id),
    mnemonic_strength   integer     NOT NULL DEFAULT 128,
    has_passphrase      boolean     NOT NULL DEFAULT false,
    address_gap_limit   integer     NOT NULL DEFAULT 20,
    next_external_index integer     NOT NULL DEFAULT 0,
    next_internal_index integer     NOT NULL DEFAULT 0,
    total_addresses     integer     NOT NULL DEFAULT 0,
    tags                jsonb       NOT NULL DEFAULT '[]'::jsonb,
    metadata            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_by          uuid        NOT NULL
                        CONSTRAINT fk_hd_wallets_created_by REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_hd_wallets_name_not_empty CHECK (char_length(name) >= 1),
    CONSTRAINT ck_hd_wallets_blockchain
        CHECK (blockchain IN ('ethereum', 'bitcoin', 'solana', 'cardano', 'polkadot')),
    CONSTRAINT ck_hd_wallets_derivation_path_format CHECK (derivation_path ~ '^m(/[0-9]+''?)*$'),
    CONSTRAINT ck_hd_wallets_mnemonic_strength CHECK (mnemonic_strength IN (128, 256)),
    CONSTRAINT ck_hd_wallets_address_gap_limit_positive CHECK (address_gap_limit > 0),
    CONSTRAINT ck_hd_wallets_indexes_non_negative
        CHECK (next_external_index >= 0 AND next_internal_index >= 0 AND total_addresses >= 0)
);

CREATE INDEX idx_hd_wallets_master_key_id ON hd_wallets (master_key_id);
CREATE INDEX idx_hd_wallets_created_by ON hd_wallets (created_by);
CREATE INDEX idx_hd_wallets_blockchain ON hd_wallets (blockchain);

CREATE TABLE hd_addresses (
    id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    wallet_id            uuid        NOT NULL
                         CONSTRAINT fk_hd_addresses_wallet_id REFERENCES hd_wallets (id) ON DELETE CASCADE,
    derivation_index     integer     NOT NULL,
    is_change            boolean     NOT NULL DEFAULT false,  -- BIP44 internal chain
    full_derivation_path text        NOT NULL,
    address              text        NOT NULL,
    public_key           text        NOT NULL,
    address_type         text,                                -- bitcoin only
    is_used              boolean     NOT NULL DEFAULT false,
    first_used_at        timestamptz,
    last_used_at         timestamptz,
    transaction_count    integer     NOT NULL DEFAULT 0,
    label                text,
    metadata             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    -- also serves as the index for fk_hd_addresses_wallet_id (leading column)
    CONSTRAINT uq_hd_addresses_wallet_id_is_change_derivation_index
        UNIQUE (wallet_id, is_change, derivation_index),
    CONSTRAINT uq_hd_addresses_address UNIQUE (address),
    CONSTRAINT ck_hd_addresses_derivation_index_non_negative CHECK (derivation_index >= 0),
    CONSTRAINT ck_hd_addresses_address_type
        CHECK (address_type IS NULL OR address_type IN ('legacy', 'segwit', 'native_segwit', 'taproot')),
    CONSTRAINT ck_hd_addresses_transaction_count_non_negative CHECK (transaction_count >= 0),
    CONSTRAINT ck_hd_addresses_usage_consistent CHECK (is_used OR first_used_at IS NULL)
);

CREATE TRIGGER trg_hd_wallets_set_updated_at
    BEFORE UPDATE ON hd_wallets
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_hd_addresses_set_updated_at
    BEFORE UPDATE ON hd_addresses
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- strata:down

DROP TABLE hd_addresses;
DROP TABLE hd_wallets;
