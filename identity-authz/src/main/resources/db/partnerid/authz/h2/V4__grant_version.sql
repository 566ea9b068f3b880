-- identity-authz V4: the version counter of the cross-organization grant set
-- (io.partnerid.authz.grant.JdbcGrantRepository#version).
-- H2 variant of postgresql/V4__grant_version.sql (same table, columns and row).
--
-- One row (id = 1). Every committed grant save, and every delete that removed a grant, adds one to version in the
-- same transaction as the change, so a node that reads the counter and then the grants never misses a change: it
-- sees a newer counter on its next refresh and rebuilds its engine's grants (CrossOrgGrantService#refresh).
-- The increment also serializes concurrent grant writers (an administrative, low-rate path). The repository treats
-- a missing row as version 0 and re-creates it on the next write; never delete the row in production.
CREATE TABLE IF NOT EXISTS authz_grant_version (
    id      SMALLINT NOT NULL,
    version BIGINT   NOT NULL,
    CONSTRAINT authz_grant_version_pk PRIMARY KEY (id),
    CONSTRAINT authz_grant_version_one_row CHECK (id = 1)
);

INSERT INTO authz_grant_version (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING;
