package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One organization's token exchange policy: who may exchange, whose tokens are accepted, which audiences are
 * reachable, how deep delegation may go.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(OrgId)}; the defaults are closed (no client, no issuer, no
 * audience, no impersonation).
 *
 * @param org the organization whose token endpoint applies this policy
 * @param allowedClients clients allowed to exchange here (they must also be registered for the grant)
 * @param trustedIssuers partner identity providers trusted for this organization
 * @param trustedOrgs other organizations whose tokens (issued by this SDK) are accepted here: the explicit A↔B
 *     trust that multi-tier supplier delegation builds on
 * @param reachableAudiences audiences (resources) exchanged tokens may be issued for
 * @param defaultAudience the audience used when a request names none
 * @param maxDelegationDepth the deepest {@code act} chain an issued token may carry (RFC 8693 §4.1)
 * @param maxExchanges how many times a token of ours may be re-exchanged along one chain (loop guard)
 * @param maxLifetime the longest lifetime of an issued token (it never outlives the subject token either)
 * @param allowImpersonation whether a request without an actor token may yield a token for the subject alone
 * @param requireUserSubject whether a subject token must represent a user (not a client acting for itself)
 */
public record ExchangePolicy(OrgId org, Set<String> allowedClients, List<TrustedIssuer> trustedIssuers,
                             Set<OrgId> trustedOrgs, Set<String> reachableAudiences, Optional<String> defaultAudience,
                             int maxDelegationDepth, int maxExchanges, Duration maxLifetime,
                             boolean allowImpersonation, boolean requireUserSubject) {

    public ExchangePolicy {
        Objects.requireNonNull(org, "org");
        allowedClients = Set.copyOf(allowedClients);
        trustedIssuers = List.copyOf(trustedIssuers);
        trustedOrgs = Set.copyOf(trustedOrgs);
        reachableAudiences = Set.copyOf(reachableAudiences);
        Objects.requireNonNull(defaultAudience, "defaultAudience");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (maxDelegationDepth < 0 || maxDelegationDepth > 16) {
            throw new IllegalArgumentException("max delegation depth must be between 0 and 16");
        }
        if (maxExchanges < 1 || maxExchanges > 64) {
            throw new IllegalArgumentException("max exchanges must be between 1 and 64");
        }
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("max lifetime must be positive");
        }
        if (defaultAudience.isPresent() && !reachableAudiences.contains(defaultAudience.get())) {
            throw new IllegalArgumentException("the default audience must be reachable");
        }
        if (trustedIssuers.stream().map(TrustedIssuer::issuer).distinct().count() != trustedIssuers.size()) {
            throw new IllegalArgumentException("an issuer is trusted at most once per organization");
        }
    }

    /** The trusted issuer with exactly this {@code iss}. */
    public Optional<TrustedIssuer> trustedIssuer(String iss) {
        return trustedIssuers.stream().filter(t -> t.issuer().equals(iss)).findFirst();
    }

    public static Builder builder(OrgId org) {
        return new Builder(org);
    }

    /** Builds an {@link ExchangePolicy}. Not thread-safe. */
    public static final class Builder {
        private final OrgId org;
        private Set<String> allowedClients = Set.of();
        private List<TrustedIssuer> trustedIssuers = List.of();
        private Set<OrgId> trustedOrgs = Set.of();
        private Set<String> reachableAudiences = Set.of();
        private Optional<String> defaultAudience = Optional.empty();
        private int maxDelegationDepth = 3;
        private int maxExchanges = 5;
        private Duration maxLifetime = Duration.ofMinutes(15);
        private boolean allowImpersonation;
        private boolean requireUserSubject = true;

        private Builder(OrgId org) {
            this.org = Objects.requireNonNull(org, "org");
        }

        public Builder allowedClients(String... clientIds) {
            this.allowedClients = Set.of(clientIds);
            return this;
        }

        public Builder trustedIssuers(TrustedIssuer... issuers) {
            this.trustedIssuers = List.of(issuers);
            return this;
        }

        public Builder trustedOrgs(OrgId... orgs) {
            this.trustedOrgs = Set.of(orgs);
            return this;
        }

        public Builder reachableAudiences(String... audiences) {
            this.reachableAudiences = Set.of(audiences);
            return this;
        }

        public Builder defaultAudience(String audience) {
            this.defaultAudience = Optional.of(audience);
            return this;
        }

        public Builder maxDelegationDepth(int depth) {
            this.maxDelegationDepth = depth;
            return this;
        }

        public Builder maxExchanges(int count) {
            this.maxExchanges = count;
            return this;
        }

        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = lifetime;
            return this;
        }

        public Builder allowImpersonation(boolean allow) {
            this.allowImpersonation = allow;
            return this;
        }

        public Builder requireUserSubject(boolean require) {
            this.requireUserSubject = require;
            return this;
        }

        public ExchangePolicy build() {
            return new ExchangePolicy(org, allowedClients, trustedIssuers, trustedOrgs, reachableAudiences,
                    defaultAudience, maxDelegationDepth, maxExchanges, maxLifetime, allowImpersonation,
                    requireUserSubject);
        }
    }
}
