-- identity-authz V2: cross-organization grants and the assignments derived from them
-- (io.partnerid.authz.grant.JdbcGrantRepository).
-- H2 variant of postgresql/V2__cross_org_grants.sql (same tables, columns and indexes, without COLLATE "C").
--
-- A grant is replaced as a whole (upsert by id). roles and resource_types are ordered lists, each element written
-- as <length>:<text> and concatenated (any character but NUL round-trips). Instants keep microseconds; the
-- validity window is [not_before, not_after), NULL for an open bound.
-- An assignment is identified by (grant, subject organization, subject, role); the first save wins. No foreign key
-- (the SDK's convention): the repository locks the grant row while it inserts or deletes assignments, so that an
-- assignment never outlives its grant, even when a revocation and an assignment race on two nodes.
CREATE TABLE authz_grants (
    id             VARCHAR(255) NOT NULL,
    grantor        VARCHAR(255) NOT NULL,
    grantee        VARCHAR(255) NOT NULL,
    roles          VARCHAR      NOT NULL,
    resource_types VARCHAR      NOT NULL,
    not_before     TIMESTAMP WITH TIME ZONE,
    not_after      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT authz_grants_pk PRIMARY KEY (id)
);

CREATE TABLE authz_grant_assignments (
    grant_id    VARCHAR(255) NOT NULL,
    subject_org VARCHAR(64)  NOT NULL,
    subject_id  VARCHAR(255) NOT NULL,
    role        VARCHAR(255) NOT NULL,
    assigned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    assigned_by VARCHAR(512) NOT NULL,
    CONSTRAINT authz_grant_assignments_pk PRIMARY KEY (grant_id, subject_org, subject_id, role)
);
CREATE INDEX authz_grant_assignments_subject_ix ON authz_grant_assignments (subject_org, subject_id, grant_id, role);
