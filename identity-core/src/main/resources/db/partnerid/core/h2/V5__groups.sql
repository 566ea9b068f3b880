-- identity-core V5: groups (table user_groups) and direct group memberships (io.partnerid.core.group.JdbcGroupRepository).
-- H2 variant of postgresql/V5__groups.sql (same tables, columns and indexes, without COLLATE "C").
--
-- A group may be nested under a parent group of the same organization; moves lock the new ancestry rows so that two
-- concurrent moves cannot together form a cycle. Names are display names (not unique), stored escaped.
CREATE TABLE user_groups (
    id         VARCHAR(64) NOT NULL,
    org_id     VARCHAR(64) NOT NULL,
    name       VARCHAR     NOT NULL,
    parent_id  VARCHAR(64),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT      NOT NULL,
    CONSTRAINT user_groups_pk PRIMARY KEY (id)
);
CREATE INDEX user_groups_org_ix ON user_groups (org_id, id);
CREATE INDEX user_groups_parent_ix ON user_groups (parent_id, id);

CREATE TABLE group_members (
    group_id VARCHAR(64) NOT NULL,
    user_id  VARCHAR(64) NOT NULL,
    org_id   VARCHAR(64) NOT NULL,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT group_members_pk PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user_ix ON group_members (user_id, group_id);
