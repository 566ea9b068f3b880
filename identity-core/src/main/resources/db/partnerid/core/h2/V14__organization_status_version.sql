-- identity-core V14: the deployment's organization status counter (OrganizationRepository.statusVersion).
--
-- One row. JdbcOrganizationRepository increments it inside every transaction that suspends, resumes or moves at
-- least one organization (after the tenant's root-row lock), so a node that caches organization status
-- (OrganizationStatusCache) learns with one primary-key read whether anything it cached may have changed on
-- another node. Status changes are rare administrative events; the row is never on a request path's write side.
CREATE TABLE organization_status_version (
    id      SMALLINT NOT NULL,
    version BIGINT   NOT NULL,
    CONSTRAINT organization_status_version_pk PRIMARY KEY (id),
    CONSTRAINT organization_status_version_one_row_ck CHECK (id = 1)
);
INSERT INTO organization_status_version (id, version) VALUES (1, 0);
