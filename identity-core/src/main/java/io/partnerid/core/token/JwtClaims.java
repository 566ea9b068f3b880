package io.partnerid.core.token;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of a JWT as plain Java values: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code List} and {@code Map}, all unmodifiable.
 *
 * <p>Immutable and thread-safe. Accessors never throw for a claim of the wrong JSON type: they answer empty.
 */
public final class JwtClaims {

    /** RFC 9068 / SDK claim names. */
    public static final String ORG_ID = "org_id";
    public static final String ORG_POOL = "org_pool";
    public static final String ROLES = "roles";
    public static final String SCOPE = "scope";
    public static final String CLIENT_ID = "client_id";
    public static final String ACT = "act";
    public static final String MAY_ACT = "may_act";

    private final Map<String, Object> claims;

    private JwtClaims(Map<String, Object> claims) {
        this.claims = claims;
    }

    /** Claims from a parsed JSON object (deep-copied into unmodifiable collections). */
    public static JwtClaims of(Map<String, ?> json) {
        Objects.requireNonNull(json, "json");
        return new JwtClaims(copyObject(json));
    }

    private static Map<String, Object> copyObject(Map<?, ?> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            Object v = copy(e.getValue());
            if (v != null) {
                out.put(String.valueOf(e.getKey()), v);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return copyObject(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                Object c = copy(o);
                if (c != null) {
                    out.add(c);
                }
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    /** All claims. */
    public Map<String, Object> asMap() {
        return claims;
    }

    /** A claim of any type. */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    /** A string claim. */
    public Optional<String> string(String name) {
        return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** A claim that is a string or an array of strings (like {@code aud}); empty when absent. */
    public List<String> strings(String name) {
        Object v = claims.get(name);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
            return List.copyOf(out);
        }
        return List.of();
    }

    /** A NumericDate claim (seconds since the epoch). */
    public Optional<Instant> instant(String name) {
        Object v = claims.get(name);
        if (v instanceof Long l) {
            return Optional.of(Instant.ofEpochSecond(l));
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Optional.of(Instant.ofEpochSecond((long) n.doubleValue()));
        }
        return Optional.empty();
    }

    /** A JSON object claim (like {@code act} or {@code may_act}). */
    @SuppressWarnings("unchecked")
    public Optional<JwtClaims> object(String name) {
        return claims.get(name) instanceof Map<?, ?> m
                ? Optional.of(new JwtClaims((Map<String, Object>) m)) : Optional.empty();
    }

    public Optional<String> issuer() {
        return string("iss");
    }

    public Optional<String> subject() {
        return string("sub");
    }

    public List<String> audience() {
        return strings("aud");
    }

    public Optional<Instant> expiresAt() {
        return instant("exp");
    }

    public Optional<Instant> issuedAt() {
        return instant("iat");
    }

    public Optional<Instant> notBefore() {
        return instant("nbf");
    }

    public Optional<String> jwtId() {
        return string("jti");
    }

    /** The organization claim {@code org_id}, when present and well-formed. */
    public Optional<OrgId> orgId() {
        try {
            return string(ORG_ID).map(OrgId::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Scopes from {@code scope} (space-delimited, RFC 8693 §4.2) or, failing that, an {@code scp} array. */
    public Set<String> scopes() {
        Optional<String> scope = string(SCOPE);
        Set<String> out = new LinkedHashSet<>();
        if (scope.isPresent()) {
            for (String s : scope.get().split(" ")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        } else {
            out.addAll(strings("scp"));
        }
        return Collections.unmodifiableSet(out);
    }

    /** The {@code roles} claim. */
    public Set<String> roles() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(strings(ROLES)));
    }

    /** The depth of the {@code act} chain: 0 without {@code act}, 1 for one actor, and so on. */
    public int actorDepth() {
        int depth = 0;
        Optional<JwtClaims> act = object(ACT);
        while (act.isPresent() && depth < 64) {
            depth++;
            act = act.get().object(ACT);
        }
        return depth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwtClaims c && c.claims.equals(claims);
    }

    @Override
    public int hashCode() {
        return claims.hashCode();
    }

    /** Claim names only: claims may hold personal data and never go to logs. */
    @Override
    public String toString() {
        return "JwtClaims" + claims.keySet();
    }
}
