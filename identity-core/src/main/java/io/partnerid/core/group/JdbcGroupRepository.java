package io.partnerid.core.group;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.UserId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A {@link GroupRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Tables {@code user_groups} and {@code group_members} of migration
 * {@code db/partnerid/core/<vendor>/V5__groups.sql}. {@link #update} is a compare-and-set on the {@code version}
 * column. {@link #move} locks the moved group and every group of the new ancestry ({@code SELECT … FOR UPDATE}, in
 * id order so that two moves cannot deadlock), checks every version the caller read and only then re-parents: two
 * concurrent moves that would together form a cycle serialize, and the second fails with {@code store.conflict}.
 *
 * <p>Performance: look-ups are index probes; {@link #findByOrg}, {@link #findChildren}, {@link #findMembers} and
 * {@link #findGroupsOf} page through the {@code (org_id, id)}, {@code (parent_id, id)},
 * {@code (group_id, user_id)} and {@code (user_id, group_id)} indexes; a move costs one locked read per ancestry
 * level. Names are stored escaped so that every string round-trips exactly. The row mappings are replaceable
 * ({@link #ROW_MAPPER}, {@link #MEMBER_MAPPER}).
 */
public final class JdbcGroupRepository implements GroupRepository {

    /** The default mapping of a {@code user_groups} row. */
    public static final RowMapper<Group> ROW_MAPPER = rs -> new Group(
            GroupId.of(rs.getString("id")),
            OrgId.of(rs.getString("org_id")),
            TextCodec.unescape(rs.getString("name")),
            Jdbc.optionalString(rs, "parent_id").map(GroupId::of),
            Jdbc.instant(rs, "created_at"),
            rs.getLong("version"));

    /** The default mapping of a {@code group_members} row. */
    public static final RowMapper<GroupMembership> MEMBER_MAPPER = rs -> new GroupMembership(
            GroupId.of(rs.getString("group_id")),
            UserId.of(rs.getString("user_id")),
            OrgId.of(rs.getString("org_id")),
            Jdbc.instant(rs, "added_at"));

    private static final String SELECT = "SELECT id, org_id, name, parent_id, created_at, version FROM user_groups ";
    private static final String SELECT_MEMBER = "SELECT group_id, user_id, org_id, added_at FROM group_members ";

    private final Jdbc jdbc;
    private final RowMapper<Group> mapper;
    private final RowMapper<GroupMembership> memberMapper;

    /** A repository over {@code dataSource} with the default row mappings. */
    public JdbcGroupRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER, MEMBER_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with the given mappers. */
    public JdbcGroupRepository(DataSource dataSource, RowMapper<Group> mapper,
                               RowMapper<GroupMembership> memberMapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.memberMapper = Objects.requireNonNull(memberMapper, "memberMapper");
    }

    @Override
    public void insert(Group group) {
        Objects.requireNonNull(group, "group");
        if (group.version() != 0) {
            throw new IllegalArgumentException("a new group has version 0");
        }
        jdbc.transaction("group " + group.id(), c -> Jdbc.update(c, "INSERT INTO user_groups (id, org_id, name, "
                        + "parent_id, created_at, version) VALUES (?, ?, ?, ?, ?, 0)",
                group.id().value(), group.orgId().value(), TextCodec.escape(group.name()),
                Jdbc.text(group.parent().map(GroupId::value)), group.createdAt()));
    }

    @Override
    public Group update(Group group) {
        Objects.requireNonNull(group, "group");
        String what = "group " + group.id();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c,
                    "UPDATE user_groups SET name = ?, version = version + 1 WHERE id = ? AND version = ?",
                    TextCodec.escape(group.name()), group.id().value(), group.version());
            return afterUpdate(c, group.id(), changed);
        });
    }

    @Override
    public Group move(Group moved, List<Group> newAncestry) {
        Objects.requireNonNull(moved, "moved");
        Objects.requireNonNull(newAncestry, "newAncestry");
        String what = "group " + moved.id();
        return jdbc.transaction(what, c -> {
            Map<String, Long> expected = new TreeMap<>();
            for (Group g : newAncestry) {
                expected.put(g.id().value(), g.version());
            }
            TreeMap<String, Long> locked = new TreeMap<>();
            TreeMap<String, Boolean> toLock = new TreeMap<>();
            toLock.put(moved.id().value(), true);
            expected.keySet().forEach(id -> toLock.put(id, true));
            for (String id : toLock.keySet()) {
                Jdbc.queryOne(c, "SELECT version FROM user_groups WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), id)
                        .ifPresent(v -> locked.put(id, v));
            }
            Long current = locked.get(moved.id().value());
            if (current == null) {
                throw StoreErrors.missing(what);
            }
            if (current != moved.version()) {
                throw StoreErrors.conflict(what);
            }
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                if (!e.getValue().equals(locked.get(e.getKey()))) {
                    throw StoreErrors.conflict("group " + e.getKey());
                }
            }
            int changed = Jdbc.update(c,
                    "UPDATE user_groups SET parent_id = ?, version = version + 1 WHERE id = ? AND version = ?",
                    Jdbc.text(moved.parent().map(GroupId::value)), moved.id().value(), moved.version());
            return afterUpdate(c, moved.id(), changed);
        });
    }

    private Group afterUpdate(Connection c, GroupId id, int changed) throws SQLException {
        String what = "group " + id;
        return Jdbc.afterVersionedUpdate(changed, what, () -> find(c, id));
    }

    @Override
    public Optional<Group> findById(GroupId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("group " + id, c -> find(c, id));
    }

    private Optional<Group> find(Connection c, GroupId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Page<Group> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        return pageOf(SELECT + "WHERE org_id = ? AND id > ? ORDER BY id LIMIT ?", mapper, orgId.value(), page,
                g -> g.id().value());
    }

    @Override
    public Page<Group> findChildren(GroupId parent, PageRequest page) {
        Objects.requireNonNull(parent, "parent");
        return pageOf(SELECT + "WHERE parent_id = ? AND id > ? ORDER BY id LIMIT ?", mapper, parent.value(), page,
                g -> g.id().value());
    }

    @Override
    public void addMember(GroupMembership membership) {
        Objects.requireNonNull(membership, "membership");
        jdbc.transaction("membership of " + membership.userId() + " in group " + membership.groupId(),
                c -> Jdbc.update(c, "INSERT INTO group_members (group_id, user_id, org_id, added_at) "
                                + "VALUES (?, ?, ?, ?)", membership.groupId().value(), membership.userId().value(),
                        membership.orgId().value(), membership.addedAt()));
    }

    @Override
    public boolean removeMember(GroupId groupId, UserId userId) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(userId, "userId");
        return jdbc.transaction("group membership", c -> Jdbc.update(c,
                "DELETE FROM group_members WHERE group_id = ? AND user_id = ?", groupId.value(), userId.value())) > 0;
    }

    @Override
    public Optional<GroupMembership> findMember(GroupId groupId, UserId userId) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(userId, "userId");
        return jdbc.read("group membership", c -> Jdbc.queryOne(c,
                SELECT_MEMBER + "WHERE group_id = ? AND user_id = ?", memberMapper, groupId.value(), userId.value()));
    }

    @Override
    public Page<GroupMembership> findMembers(GroupId groupId, PageRequest page) {
        Objects.requireNonNull(groupId, "groupId");
        return pageOf(SELECT_MEMBER + "WHERE group_id = ? AND user_id > ? ORDER BY user_id LIMIT ?", memberMapper,
                groupId.value(), page, m -> m.userId().value());
    }

    @Override
    public Page<GroupMembership> findGroupsOf(UserId userId, PageRequest page) {
        Objects.requireNonNull(userId, "userId");
        return pageOf(SELECT_MEMBER + "WHERE user_id = ? AND group_id > ? ORDER BY group_id LIMIT ?", memberMapper,
                userId.value(), page, m -> m.groupId().value());
    }

    /** One keyset page: {@code sql} takes (key, cursor, limit). */
    private <T> Page<T> pageOf(String sql, RowMapper<T> rows, String key, PageRequest page,
                               java.util.function.Function<T, String> cursor) {
        Objects.requireNonNull(page, "page");
        return jdbc.read("groups", c -> Page.of(Jdbc.query(c, sql, rows, key, page.after().orElse(""),
                page.limit() + 1), page.limit(), cursor));
    }
}
