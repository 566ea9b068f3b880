-- identity-core V1: the organization tree (io.partnerid.core.org.JdbcOrganizationRepository).
--
-- H2 variant of postgresql/V1__organizations.sql (same tables, columns and indexes; a test compares them). H2
-- compares VARCHAR like Java's String.compareTo, which is the SDK's ordering, so the COLLATE "C" of the PostgreSQL
-- DDL is not needed (H2 does not accept it). No foreign keys: the repository stores what the
-- domain service gives it, exactly like the in-memory implementation.
CREATE TABLE organizations (
    id              VARCHAR(64)   NOT NULL,
    name            VARCHAR       NOT NULL,
    parent_id       VARCHAR(64),
    path            VARCHAR(2600) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    suspension_root VARCHAR(64),
    contract_ref    VARCHAR,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL,
    CONSTRAINT organizations_pk PRIMARY KEY (id),
    CONSTRAINT organizations_status_ck CHECK (status IN ('ACTIVE', 'SUSPENDED'))
);

-- Subtree queries, counts, moves and suspensions: one range scan.
CREATE UNIQUE INDEX organizations_path_ux ON organizations (path);
-- Roots (parent_id IS NULL) and children of a parent, in id order.
CREATE INDEX organizations_parent_ix ON organizations (parent_id, id);
