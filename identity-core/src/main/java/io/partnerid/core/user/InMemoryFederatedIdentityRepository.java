package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A {@link FederatedIdentityRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call is atomic.
 */
public final class InMemoryFederatedIdentityRepository implements FederatedIdentityRepository {

    private static final Comparator<FederatedIdentity> ORDER = Comparator.comparing(FederatedIdentity::issuer)
            .thenComparing(FederatedIdentity::subject).thenComparing(l -> l.tenant().value());

    private final Map<Key, FederatedIdentity> byKey = new HashMap<>();
    private final Map<UserId, TreeSet<FederatedIdentity>> byUser = new HashMap<>();

    private record Key(OrgId tenant, String issuer, String subject) {
    }

    @Override
    public synchronized void insert(FederatedIdentity link) {
        Key key = new Key(link.tenant(), link.issuer(), link.subject());
        if (byKey.containsKey(key)) {
            throw StoreErrors.duplicate("federated identity");
        }
        byKey.put(key, link);
        byUser.computeIfAbsent(link.userId(), u -> new TreeSet<>(ORDER)).add(link);
    }

    @Override
    public synchronized boolean delete(OrgId tenant, String issuer, String subject) {
        Objects.requireNonNull(tenant, "tenant");
        FederatedIdentity removed = byKey.remove(new Key(tenant, issuer, subject));
        if (removed == null) {
            return false;
        }
        TreeSet<FederatedIdentity> links = byUser.get(removed.userId());
        links.remove(removed);
        if (links.isEmpty()) {
            byUser.remove(removed.userId());
        }
        return true;
    }

    @Override
    public synchronized Optional<FederatedIdentity> find(OrgId tenant, String issuer, String subject) {
        Objects.requireNonNull(tenant, "tenant");
        return Optional.ofNullable(byKey.get(new Key(tenant, issuer, subject)));
    }

    @Override
    public synchronized Page<FederatedIdentity> findByUser(UserId userId, PageRequest page) {
        TreeSet<FederatedIdentity> links = byUser.getOrDefault(userId, new TreeSet<>(ORDER));
        Iterable<FederatedIdentity> tail = page.after().map(c -> (Iterable<FederatedIdentity>)
                links.tailSet(probe(c, userId), false)).orElse(links);
        List<FederatedIdentity> items = new ArrayList<>();
        for (FederatedIdentity link : tail) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(link);
        }
        return Page.of(items, page.limit(), InMemoryFederatedIdentityRepository::cursor);
    }

    @Override
    public synchronized int deleteByUser(UserId userId) {
        TreeSet<FederatedIdentity> links = byUser.remove(userId);
        if (links == null) {
            return 0;
        }
        for (FederatedIdentity link : links) {
            byKey.remove(new Key(link.tenant(), link.issuer(), link.subject()));
        }
        return links.size();
    }

    private static String cursor(FederatedIdentity link) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(link.issuer().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(link.subject().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(link.tenant().value().getBytes(StandardCharsets.UTF_8));
    }

    private static FederatedIdentity probe(String cursor, UserId userId) {
        String[] parts = cursor.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed cursor");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        String issuer = new String(b64.decode(parts[0]), StandardCharsets.UTF_8);
        String subject = new String(b64.decode(parts[1]), StandardCharsets.UTF_8);
        OrgId tenant = OrgId.of(new String(b64.decode(parts[2]), StandardCharsets.UTF_8));
        return new FederatedIdentity(tenant, issuer, subject, userId, PoolId.of("cursor"), OrgId.of("cursor"),
                Instant.EPOCH);
    }
}
