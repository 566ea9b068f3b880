-- identity-core V1: the organization tree (io.partnerid.core.org.JdbcOrganizationRepository).
--
-- Key columns (ids, paths) use the binary "C" collation, so that ORDER BY, keyset cursors and the subtree range
-- predicate (path >= p AND path < p') follow the SDK's ordering whatever the database's default collation is, and
-- so that the plain b-tree index on path serves prefix ranges. No foreign keys: the repository stores what the
-- domain service gives it, exactly like the in-memory implementation.
CREATE TABLE organizations (
    id              VARCHAR(64)   COLLATE "C" NOT NULL,
    name            VARCHAR       NOT NULL,
    parent_id       VARCHAR(64)   COLLATE "C",
    path            VARCHAR(2600) COLLATE "C" NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    suspension_root VARCHAR(64)   COLLATE "C",
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
