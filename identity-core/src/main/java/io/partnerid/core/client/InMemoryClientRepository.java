package io.partnerid.core.client;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ClientRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call is atomic.
 */
public final class InMemoryClientRepository implements ClientRepository {

    private final Map<ClientId, ClientApplication> byId = new HashMap<>();
    private final Map<OrgId, TreeMap<String, ClientApplication>> byOrg = new HashMap<>();

    @Override
    public synchronized void insert(ClientApplication client) {
        if (client.version() != 0) {
            throw new IllegalArgumentException("a new client has version 0");
        }
        if (byId.containsKey(client.id())) {
            throw StoreErrors.duplicate("client " + client.id());
        }
        put(client);
    }

    @Override
    public synchronized ClientApplication update(ClientApplication client) {
        ClientApplication current = byId.get(client.id());
        if (current == null) {
            throw StoreErrors.missing("client " + client.id());
        }
        if (current.version() != client.version()) {
            throw StoreErrors.conflict("client " + client.id());
        }
        ClientApplication stored = new ClientApplication(current.id(), current.orgId(), client.name(),
                client.grantTypes(), client.redirectUris(), client.scopes(), client.audiences(), client.secretHash(),
                current.createdAt(), current.version() + 1);
        put(stored);
        return stored;
    }

    @Override
    public synchronized boolean delete(ClientId id) {
        ClientApplication removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        byOrg.get(removed.orgId()).remove(id.value());
        return true;
    }

    @Override
    public synchronized Optional<ClientApplication> findById(ClientId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Page<ClientApplication> findByOrg(OrgId orgId, PageRequest page) {
        NavigableMap<String, ClientApplication> sorted = byOrg.getOrDefault(orgId, new TreeMap<>());
        NavigableMap<String, ClientApplication> tail =
                page.after().map(a -> sorted.tailMap(a, false)).orElse(sorted);
        List<ClientApplication> items = new ArrayList<>();
        for (ClientApplication c : tail.values()) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(c);
        }
        return Page.of(items, page.limit(), c -> c.id().value());
    }

    private void put(ClientApplication client) {
        byId.put(client.id(), client);
        byOrg.computeIfAbsent(client.orgId(), o -> new TreeMap<>()).put(client.id().value(), client);
    }
}
