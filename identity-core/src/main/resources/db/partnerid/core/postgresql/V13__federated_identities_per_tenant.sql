-- identity-core V13: federated identity links are keyed per tenant (io.partnerid.core.user.JdbcFederatedIdentityRepository).
--
-- Until V12 the key was (issuer, subject) across the whole deployment: an administrator of one tenant could link
-- another tenant's external identity first, so that the real tenant was refused and the look-up found the wrong user
-- (security review finding R2). The key is now (tenant_id, issuer, subject), tenant_id being the root organization
-- of the linked user's tree: each tenant may link a pair once, and no tenant can take or shadow another's link.
-- Existing links are assigned the tenant of their organization (the first segment of its materialized path); a
-- link whose organization no longer exists keeps its organization id as its tenant, which no look-up names.
ALTER TABLE federated_identities ADD COLUMN tenant_id VARCHAR(64) COLLATE "C";

UPDATE federated_identities f
   SET tenant_id = COALESCE((SELECT split_part(o.path, '/', 2) FROM organizations o WHERE o.id = f.org_id), f.org_id);

ALTER TABLE federated_identities ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE federated_identities DROP CONSTRAINT federated_identities_pk;
ALTER TABLE federated_identities ADD CONSTRAINT federated_identities_pk PRIMARY KEY (tenant_id, issuer, subject);

-- Listing a user's links in (issuer, subject, tenant) order.
DROP INDEX federated_identities_user_ix;
CREATE INDEX federated_identities_user_ix ON federated_identities (user_id, issuer, subject, tenant_id);
