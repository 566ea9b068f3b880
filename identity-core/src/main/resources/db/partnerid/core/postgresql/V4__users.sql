-- identity-core V4: identity pools, users, federated identity links and memberships (io.partnerid.core.user.Jdbc*).
--
-- Free text (names, e-mail, display name) is stored escaped (backslash, NUL and unpaired surrogates) so that every
-- Java string round-trips exactly. Usernames are canonical (no control characters) and stored as they are; the
-- unique index (pool_id, username) is the per-pool uniqueness rule. (issuer, subject) is the deployment-wide key of
-- a federated identity, compared exactly; their combined UTF-8 length must stay under the b-tree entry limit
-- (about 2,600 bytes on PostgreSQL), which URL issuers and IdP subjects do by far.
CREATE TABLE identity_pools (
    id         VARCHAR(64) COLLATE "C" NOT NULL,
    org_id     VARCHAR(64) COLLATE "C" NOT NULL,
    name       VARCHAR     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT      NOT NULL,
    CONSTRAINT identity_pools_pk PRIMARY KEY (id)
);
CREATE INDEX identity_pools_org_ix ON identity_pools (org_id, id);

CREATE TABLE users (
    id           VARCHAR(64)  COLLATE "C" NOT NULL,
    pool_id      VARCHAR(64)  COLLATE "C" NOT NULL,
    org_id       VARCHAR(64)  COLLATE "C" NOT NULL,
    username     VARCHAR(512) COLLATE "C" NOT NULL,
    email        VARCHAR,
    display_name VARCHAR      NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT       NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (id),
    CONSTRAINT users_status_ck CHECK (status IN ('INVITED', 'ACTIVE', 'LOCKED', 'DISABLED'))
);
-- The login look-up (pool, username) and the per-pool uniqueness of usernames.
CREATE UNIQUE INDEX users_pool_username_ux ON users (pool_id, username);
-- Listing a pool's users in id order.
CREATE INDEX users_pool_ix ON users (pool_id, id);

CREATE TABLE federated_identities (
    issuer    VARCHAR(512) COLLATE "C" NOT NULL,
    subject   VARCHAR(512) COLLATE "C" NOT NULL,
    user_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    pool_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    org_id    VARCHAR(64)  COLLATE "C" NOT NULL,
    linked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT federated_identities_pk PRIMARY KEY (issuer, subject)
);
CREATE INDEX federated_identities_user_ix ON federated_identities (user_id, issuer, subject);

CREATE TABLE memberships (
    user_id VARCHAR(64) COLLATE "C" NOT NULL,
    org_id  VARCHAR(64) COLLATE "C" NOT NULL,
    since   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT memberships_pk PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org_ix ON memberships (org_id, user_id);
