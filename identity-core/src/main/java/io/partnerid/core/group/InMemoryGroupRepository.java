package io.partnerid.core.group;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link GroupRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call, including the ancestry check of
 * {@link #move}, is atomic.
 */
public final class InMemoryGroupRepository implements GroupRepository {

    private final Map<GroupId, Group> byId = new HashMap<>();
    private final Map<OrgId, TreeMap<String, Group>> byOrg = new HashMap<>();
    private final Map<GroupId, TreeMap<String, Group>> byParent = new HashMap<>();
    private final Map<GroupId, TreeMap<String, GroupMembership>> membersByGroup = new HashMap<>();
    private final Map<UserId, TreeMap<String, GroupMembership>> membersByUser = new HashMap<>();

    @Override
    public synchronized void insert(Group group) {
        if (group.version() != 0) {
            throw new IllegalArgumentException("a new group has version 0");
        }
        if (byId.containsKey(group.id())) {
            throw StoreErrors.duplicate("group " + group.id());
        }
        put(group);
    }

    @Override
    public synchronized Group update(Group group) {
        Group current = current(group);
        Group stored = current.withName(group.name()).withVersion(current.version() + 1);
        put(stored);
        return stored;
    }

    @Override
    public synchronized Group move(Group moved, List<Group> newAncestry) {
        Group current = current(moved);
        for (Group expected : newAncestry) {
            Group now = byId.get(expected.id());
            if (now == null || now.version() != expected.version()) {
                throw StoreErrors.conflict("group " + expected.id());
            }
        }
        current.parent().ifPresent(p -> byParent.get(p).remove(current.id().value()));
        Group stored = current.withParent(moved.parent()).withVersion(current.version() + 1);
        put(stored);
        return stored;
    }

    @Override
    public synchronized Optional<Group> findById(GroupId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Page<Group> findByOrg(OrgId orgId, PageRequest page) {
        return page(byOrg.getOrDefault(orgId, new TreeMap<>()), page, g -> g.id().value());
    }

    @Override
    public synchronized Page<Group> findChildren(GroupId parent, PageRequest page) {
        return page(byParent.getOrDefault(parent, new TreeMap<>()), page, g -> g.id().value());
    }

    @Override
    public synchronized void addMember(GroupMembership membership) {
        TreeMap<String, GroupMembership> members =
                membersByGroup.computeIfAbsent(membership.groupId(), g -> new TreeMap<>());
        if (members.containsKey(membership.userId().value())) {
            throw StoreErrors.duplicate("membership of " + membership.userId() + " in group " + membership.groupId());
        }
        members.put(membership.userId().value(), membership);
        membersByUser.computeIfAbsent(membership.userId(), u -> new TreeMap<>())
                .put(membership.groupId().value(), membership);
    }

    @Override
    public synchronized boolean removeMember(GroupId groupId, UserId userId) {
        TreeMap<String, GroupMembership> members = membersByGroup.get(groupId);
        if (members == null || members.remove(userId.value()) == null) {
            return false;
        }
        membersByUser.get(userId).remove(groupId.value());
        return true;
    }

    @Override
    public synchronized Optional<GroupMembership> findMember(GroupId groupId, UserId userId) {
        return Optional.ofNullable(membersByGroup.getOrDefault(groupId, new TreeMap<>()).get(userId.value()));
    }

    @Override
    public synchronized Page<GroupMembership> findMembers(GroupId groupId, PageRequest page) {
        return page(membersByGroup.getOrDefault(groupId, new TreeMap<>()), page, m -> m.userId().value());
    }

    @Override
    public synchronized Page<GroupMembership> findGroupsOf(UserId userId, PageRequest page) {
        return page(membersByUser.getOrDefault(userId, new TreeMap<>()), page, m -> m.groupId().value());
    }

    private Group current(Group group) {
        Group current = byId.get(group.id());
        if (current == null) {
            throw StoreErrors.missing("group " + group.id());
        }
        if (current.version() != group.version()) {
            throw StoreErrors.conflict("group " + group.id());
        }
        return current;
    }

    private void put(Group group) {
        byId.put(group.id(), group);
        byOrg.computeIfAbsent(group.orgId(), o -> new TreeMap<>()).put(group.id().value(), group);
        group.parent().ifPresent(p -> byParent.computeIfAbsent(p, x -> new TreeMap<>()).put(group.id().value(), group));
    }

    private static <T> Page<T> page(NavigableMap<String, T> sorted, PageRequest page, Function<T, String> cursor) {
        NavigableMap<String, T> tail = page.after().map(a -> sorted.tailMap(a, false)).orElse(sorted);
        List<T> items = new ArrayList<>();
        for (T item : tail.values()) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(item);
        }
        return Page.of(items, page.limit(), cursor);
    }
}
