-- identity-core V7: client applications (io.partnerid.core.client.JdbcClientRepository).
-- H2 variant of postgresql/V7__clients.sql (same tables, columns and indexes, without COLLATE "C").
--
-- Only the encoded secret hash is stored (never a secret). The sets (grant types, redirect URIs, scopes, audiences)
-- are length-prefixed lists "<n>:<item>..." of escaped strings, sorted; the name is stored escaped.
CREATE TABLE clients (
    id            VARCHAR(64)  NOT NULL,
    org_id        VARCHAR(64)  NOT NULL,
    name          VARCHAR      NOT NULL,
    grant_types   VARCHAR      NOT NULL,
    redirect_uris VARCHAR      NOT NULL,
    scopes        VARCHAR      NOT NULL,
    audiences     VARCHAR      NOT NULL,
    secret_hash   VARCHAR(512),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL,
    CONSTRAINT clients_pk PRIMARY KEY (id)
);
CREATE INDEX clients_org_ix ON clients (org_id, id);
