package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link UserRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call (including the username uniqueness
 * check of an insert or update) is atomic.
 */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<UserId, User> byId = new HashMap<>();
    private final Map<PoolId, TreeMap<String, User>> byPool = new HashMap<>();
    private final Map<PoolId, Map<String, UserId>> usernames = new HashMap<>();

    @Override
    public synchronized void insert(User user) {
        if (user.version() != 0) {
            throw new IllegalArgumentException("a new user has version 0");
        }
        if (byId.containsKey(user.id())) {
            throw StoreErrors.duplicate("user " + user.id());
        }
        if (usernames.getOrDefault(user.poolId(), Map.of()).containsKey(user.username())) {
            throw StoreErrors.duplicate("username in pool " + user.poolId());
        }
        put(user);
    }

    @Override
    public synchronized User update(User user) {
        User current = byId.get(user.id());
        if (current == null) {
            throw StoreErrors.missing("user " + user.id());
        }
        if (current.version() != user.version()) {
            throw StoreErrors.conflict("user " + user.id());
        }
        Map<String, UserId> names = usernames.get(current.poolId());
        UserId holder = names.get(user.username());
        if (holder != null && !holder.equals(current.id())) {
            throw StoreErrors.duplicate("username in pool " + current.poolId());
        }
        User stored = new User(current.id(), current.poolId(), current.orgId(), user.username(), user.email(),
                user.displayName(), user.status(), current.createdAt(), current.version() + 1);
        names.remove(current.username());
        put(stored);
        return stored;
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByUsername(PoolId poolId, String username) {
        UserId id = usernames.getOrDefault(poolId, Map.of()).get(username);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    @Override
    public synchronized Page<User> findByPool(PoolId poolId, PageRequest page) {
        NavigableMap<String, User> sorted = byPool.getOrDefault(poolId, new TreeMap<>());
        NavigableMap<String, User> tail = page.after().map(a -> sorted.tailMap(a, false)).orElse(sorted);
        List<User> items = new ArrayList<>(Math.min(page.limit() + 1, 64));
        for (User user : tail.values()) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(user);
        }
        return Page.of(items, page.limit(), u -> u.id().value());
    }

    private void put(User user) {
        byId.put(user.id(), user);
        byPool.computeIfAbsent(user.poolId(), p -> new TreeMap<>()).put(user.id().value(), user);
        usernames.computeIfAbsent(user.poolId(), p -> new HashMap<>()).put(user.username(), user.id());
    }
}
