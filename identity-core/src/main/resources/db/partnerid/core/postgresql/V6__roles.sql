-- identity-core V6: roles and role assignments (io.partnerid.core.role.JdbcRoleRepository,
-- JdbcRoleAssignmentRepository).
--
-- Role names are unique per organization (exact comparison; stored escaped, which keeps equality exact).
-- permissions holds the role's permission set, sorted and separated by single spaces (permissions contain no
-- white space). Assignments are immutable; their validity window is [valid_from, valid_until), NULL for an open
-- bound.
CREATE TABLE roles (
    id          VARCHAR(64) COLLATE "C" NOT NULL,
    org_id      VARCHAR(64) COLLATE "C" NOT NULL,
    name        VARCHAR     COLLATE "C" NOT NULL,
    permissions VARCHAR     NOT NULL,
    inheritable BOOLEAN     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT      NOT NULL,
    CONSTRAINT roles_pk PRIMARY KEY (id)
);
CREATE UNIQUE INDEX roles_org_name_ux ON roles (org_id, name);
CREATE INDEX roles_org_ix ON roles (org_id, id);

CREATE TABLE role_assignments (
    id              VARCHAR(64)  COLLATE "C" NOT NULL,
    role_id         VARCHAR(64)  COLLATE "C" NOT NULL,
    assignee_kind   VARCHAR(16)  NOT NULL,
    assignee_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    org_id          VARCHAR(64)  COLLATE "C" NOT NULL,
    valid_from      TIMESTAMP WITH TIME ZONE,
    valid_until     TIMESTAMP WITH TIME ZONE,
    granted_by_type VARCHAR(16)  NOT NULL,
    granted_by_id   VARCHAR(128) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT role_assignments_pk PRIMARY KEY (id),
    CONSTRAINT role_assignments_kind_ck CHECK (assignee_kind IN ('USER', 'GROUP'))
);
CREATE INDEX role_assignments_assignee_ix ON role_assignments (assignee_id, assignee_kind, id);
CREATE INDEX role_assignments_role_ix ON role_assignments (role_id, id);
CREATE INDEX role_assignments_org_ix ON role_assignments (org_id, id);
