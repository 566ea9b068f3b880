-- identity-core V3: admin grants (io.partnerid.core.admin.JdbcAdminGrantRepository).
-- H2 variant of postgresql/V3__admin_grants.sql (same tables, columns and indexes, without COLLATE "C").
--
-- Grants are immutable: inserted and deleted, never updated, so they carry no version. The principal is indexed
-- because every administrative operation reads the acting principal's grants; the scope index serves listings.
-- capabilities holds the AdminCapability names, sorted and comma-separated.
CREATE TABLE admin_grants (
    id              VARCHAR(64)  NOT NULL,
    principal_type  VARCHAR(16)  NOT NULL,
    principal_id    VARCHAR(128) NOT NULL,
    scope_org_id    VARCHAR(64)  NOT NULL,
    capabilities    VARCHAR(2000) NOT NULL,
    granted_by_type VARCHAR(16)  NOT NULL,
    granted_by_id   VARCHAR(128) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT admin_grants_pk PRIMARY KEY (id)
);

CREATE INDEX admin_grants_principal_ix ON admin_grants (principal_id, principal_type, id);
CREATE INDEX admin_grants_scope_ix ON admin_grants (scope_org_id, id);
