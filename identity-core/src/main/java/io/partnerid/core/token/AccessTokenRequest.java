package io.partnerid.core.token;

import io.partnerid.core.org.OrgId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an access token is issued for: organization, subject, client, audience, scopes, roles, authentication
 * context and, for delegation, the actor chain.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(OrgId, String, String)}.
 *
 * @param org the organization the token belongs to ({@code org_id}); it must be active
 * @param pool the identity pool of the subject ({@code org_pool}), if any
 * @param subject the {@code sub}
 * @param clientId the client the token is issued to ({@code client_id}, RFC 9068 §2.2)
 * @param audience the resources the token is for ({@code aud}), at least one
 * @param scopes granted scopes ({@code scope})
 * @param roles roles of the subject in the organization ({@code roles}, RFC 9068 §7.2.1.1)
 * @param acr the authentication context class, if known
 * @param amr the authentication methods, if known
 * @param lifetime the requested lifetime (capped by the service's maximum), or the default
 * @param act the actor chain of a delegated token
 * @param extraClaims further claims; registered and SDK claim names are refused
 */
public record AccessTokenRequest(OrgId org, Optional<String> pool, String subject, String clientId,
                                 List<String> audience, Set<String> scopes, Set<String> roles, Optional<String> acr,
                                 List<String> amr, Optional<Duration> lifetime, Optional<ActClaim> act,
                                 Map<String, Object> extraClaims) {

    static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope",
            "org_id", "org_pool", "roles", "acr", "amr", "act", "may_act", "cnf", "auth_time");

    public AccessTokenRequest {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        audience = List.copyOf(audience);
        scopes = Set.copyOf(new LinkedHashSet<>(scopes));
        roles = Set.copyOf(roles);
        Objects.requireNonNull(acr, "acr");
        amr = List.copyOf(amr);
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(act, "act");
        extraClaims = Map.copyOf(extraClaims);
        if (subject.isBlank() || clientId.isBlank()) {
            throw new IllegalArgumentException("subject and client id must not be blank");
        }
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("at least one audience");
        }
        for (String s : scopes) {
            if (s.isEmpty() || s.contains(" ")) {
                throw new IllegalArgumentException("a scope is a non-empty token without spaces");
            }
        }
        if (lifetime.isPresent() && (lifetime.get().isNegative() || lifetime.get().isZero())) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        for (String name : extraClaims.keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("claim " + name + " is set by the SDK");
            }
        }
    }

    public static Builder builder(OrgId org, String subject, String clientId) {
        return new Builder(org, subject, clientId);
    }

    /** Builds an {@link AccessTokenRequest}. Not thread-safe. */
    public static final class Builder {
        private final OrgId org;
        private final String subject;
        private final String clientId;
        private Optional<String> pool = Optional.empty();
        private List<String> audience = List.of();
        private Set<String> scopes = Set.of();
        private Set<String> roles = Set.of();
        private Optional<String> acr = Optional.empty();
        private List<String> amr = List.of();
        private Optional<Duration> lifetime = Optional.empty();
        private Optional<ActClaim> act = Optional.empty();
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(OrgId org, String subject, String clientId) {
            this.org = org;
            this.subject = subject;
            this.clientId = clientId;
        }

        public Builder pool(String value) {
            this.pool = Optional.of(value);
            return this;
        }

        public Builder audience(String... values) {
            this.audience = List.of(values);
            return this;
        }

        public Builder audience(List<String> values) {
            this.audience = List.copyOf(values);
            return this;
        }

        public Builder scopes(Set<String> values) {
            this.scopes = Set.copyOf(values);
            return this;
        }

        public Builder roles(Set<String> values) {
            this.roles = Set.copyOf(values);
            return this;
        }

        public Builder acr(String value) {
            this.acr = Optional.of(value);
            return this;
        }

        public Builder amr(List<String> values) {
            this.amr = List.copyOf(values);
            return this;
        }

        public Builder lifetime(Duration value) {
            this.lifetime = Optional.of(value);
            return this;
        }

        public Builder act(ActClaim value) {
            this.act = Optional.of(value);
            return this;
        }

        public Builder act(Optional<ActClaim> value) {
            this.act = Objects.requireNonNull(value, "act");
            return this;
        }

        public Builder claim(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        public AccessTokenRequest build() {
            return new AccessTokenRequest(org, pool, subject, clientId, audience, scopes, roles, acr, amr, lifetime,
                    act, extra);
        }
    }
}
