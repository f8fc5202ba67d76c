-- Version: 2.0.0
-- Author: amara.diallo@example.com
-- Ticket: SKMS-40
-- Breaking: true
-- strata:up

-- Row-level security for key material metadata, wallets, signatures and API
-- keys. The application sets the acting user per transaction:
--
--     SET LOCAL app.current_user_id = '<users.id>'
--
-- and then only sees rows that user owns (or everything, for users with
-- is_admin). Breaking: sessions of non-owner roles that do not set
-- app.current_user_id now see no rows in these tables. Table owners (the
-- migration role) bypass RLS as usual, since FORCE ROW LEVEL SECURITY is
-- not used. No database roles are created here, grants are left to the
-- deployment.

-- NULL when the setting is absent or empty (after a SET LOCAL has ended the
-- custom setting reads as '' rather than NULL).
CREATE FUNCTION app_current_user_id() RETURNS uuid
LANGUAGE sql
STABLE
AS $$
    SELECT nullif(current_setting('app.current_user_id', true), '')::uuid
$$;

-- SECURITY DEFINER so the admin check works whatever the caller may read
-- from users. search_path is pinned and every name is schema-qualified.
CREATE FUNCTION app_current_user_is_admin() RETURNS boolean
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(
        (SELECT u.is_admin
           FROM public.users AS u
          WHERE u.id = public.app_current_user_id()
            AND u.is_active),
        false)
$$;

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol_api_keys_owner_access ON api_keys
    USING (user_id = app_current_user_id() OR app_current_user_is_admin())
    WITH CHECK (user_id = app_current_user_id() OR app_current_user_is_admin());

ALTER TABLE keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol_keys_creator_access ON keys
    USING (created_by = app_current_user_id() OR app_current_user_is_admin())
    WITH CHECK (created_by = app_current_user_id() OR app_current_user_is_admin());

ALTER TABLE hd_wallets ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol_hd_wallets_creator_access ON hd_wallets
    USING (created_by = app_current_user_id() OR app_current_user_is_admin())
    WITH CHECK (created_by = app_current_user_id() OR app_current_user_is_admin());

-- Addresses are visible to whoever may see the wallet they belong to.
ALTER TABLE hd_addresses ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol_hd_addresses_wallet_access ON hd_addresses
    USING (
        app_current_user_is_admin()
        OR EXISTS (
            SELECT 1
              FROM hd_wallets AS w
             WHERE w.id = hd_addresses.wallet_id
               AND w.created_by = app_current_user_id()
        )
    );

ALTER TABLE signatures ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol_signatures_creator_access ON signatures
    USING (created_by = app_current_user_id() OR app_current_user_is_admin())
    WITH CHECK (created_by = app_current_user_id() OR app_current_user_is_admin());

-- strata:down

DROP POLICY pol_signatures_creator_access ON signatures;
ALTER TABLE signatures DISABLE ROW LEVEL SECURITY;

DROP POLICY pol_hd_addresses_wallet_access ON hd_addresses;
ALTER TABLE hd_addresses DISABLE ROW LEVEL SECURITY;

DROP POLICY pol_hd_wallets_creator_access ON hd_wallets;
ALTER TABLE hd_wallets DISABLE ROW LEVEL SECURITY;

DROP POLICY pol_keys_creator_access ON keys;
ALTER TABLE keys DISABLE ROW LEVEL SECURITY;

DROP POLICY pol_api_keys_owner_access ON api_keys;
ALTER TABLE api_keys DISABLE ROW LEVEL SECURITY;

DROP FUNCTION app_current_user_is_admin();
DROP FUNCTION app_current_user_id();
