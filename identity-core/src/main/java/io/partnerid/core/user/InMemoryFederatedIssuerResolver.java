package io.partnerid.core.user;

import io.partnerid.core.org.OrgId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FederatedIssuerResolver} whose registrations are held in memory, for tests and local development.
 *
 * <p>Thread-safe: registrations live in concurrent maps; a registration or removal is visible to the next
 * {@link #isRegistered} call. Deployments answer from federation's stored connections instead.
 *
 * <pre>{@code
 * InMemoryFederatedIssuerResolver issuers = new InMemoryFederatedIssuerResolver();
 * issuers.register(acme.id(), "https://login.acme.example");
 * IdentityCore core = IdentityCore.builder()...federatedIssuers(issuers).build();
 * }</pre>
 */
public final class InMemoryFederatedIssuerResolver implements FederatedIssuerResolver {

    private final Map<OrgId, Set<String>> issuers = new ConcurrentHashMap<>();

    /**
     * Registers {@code issuer} to {@code org} (and so to its subtree); idempotent.
     *
     * @throws IllegalArgumentException when the issuer is empty, longer than 512 characters or holds a control
     *     character
     */
    public void register(OrgId org, String issuer) {
        Objects.requireNonNull(org, "org");
        FederatedIdentity.checkKeyPart(issuer, "issuer");
        issuers.computeIfAbsent(org, o -> ConcurrentHashMap.newKeySet()).add(issuer);
    }

    /**
     * Removes a registration; existing links stay (unlink them separately).
     *
     * @return true when the issuer was registered to {@code org}
     */
    public boolean unregister(OrgId org, String issuer) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(issuer, "issuer");
        Set<String> registered = issuers.get(org);
        return registered != null && registered.remove(issuer);
    }

    @Override
    public boolean isRegistered(OrgId org, String issuer) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(issuer, "issuer");
        Set<String> registered = issuers.get(org);
        return registered != null && registered.contains(issuer);
    }
}
