-- Version: 2.0.1
-- Author: tomas.novak@example.com
-- Ticket: SKMS-47
-- Breaking: false
-- strata:no-transaction
-- strata:up

-- "Next unused address" lookups (wallet_id, is_change, ORDER BY
-- derivation_index, first row WHERE NOT is_used) have to skip every used
-- address through uq_hd_addresses_wallet_id_is_change_derivation_index. On
-- busy wallets that is most of the index, so add a partial index over
-- unused addresses only.
--
-- hd_addresses is live by now, so the index is built CONCURRENTLY (no write
-- lock). CONCURRENTLY cannot run inside a transaction block, hence the
-- no-transaction directive, and this file holds a single statement per section.
-- If the build fails it leaves an INVALID index behind: after the cause is
-- fixed, strata repair and strata up drop it and build it again.

CREATE INDEX CONCURRENTLY idx_hd_addresses_wallet_id_is_change_derivation_index_unused
    ON hd_addresses (wallet_id, is_change, derivation_index)
    WHERE NOT is_used;

-- strata:down

DROP INDEX CONCURRENTLY IF EXISTS idx_hd_addresses_wallet_id_is_change_derivation_index_unused;
