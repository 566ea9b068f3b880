package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ExchangeClients} in memory, for tests and local development: secrets held as SHA-256 hashes and compared in
 * constant time; a client authenticates only at the organization that owns it.
 *
 * <p>Thread-safe.
 */
public final class InMemoryExchangeClients implements ExchangeClients {

    private record Entry(ExchangeClient client, byte[] secretHash) {
    }

    private final ConcurrentHashMap<String, Entry> clients = new ConcurrentHashMap<>();

    /** Registers (or replaces) a client with its secret. */
    public InMemoryExchangeClients register(ExchangeClient client, String secret) {
        Objects.requireNonNull(client, "client");
        clients.put(client.clientId(), new Entry(client, hash(Objects.requireNonNull(secret, "secret"))));
        return this;
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public Optional<ExchangeClient> authenticate(OrgId org, ClientCredentials credentials) {
        Objects.requireNonNull(org, "org");
        Entry entry = clients.get(credentials.clientId());
        byte[] presented = hash(credentials.secret().orElse(""));
        byte[] expected = entry == null ? hash("\u0000unknown-client") : entry.secretHash;
        boolean match = MessageDigest.isEqual(presented, expected);
        // R5: a client of another organization does not authenticate here (same answer as a wrong secret)
        return entry != null && match && credentials.secret().isPresent() && entry.client.owner().equals(org)
                ? Optional.of(entry.client) : Optional.empty();
    }
}
