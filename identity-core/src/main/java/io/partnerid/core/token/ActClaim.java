package io.partnerid.core.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code act} (actor) claim of a delegated token: the current actor at the top, prior actors nested below.
 *
 * <p>Immutable and thread-safe. Only the top-level actor counts for authorization; nested actors are a record of
 * the chain (RFC 8693 §4.1).
 *
 * @param subject the actor's {@code sub}
 * @param issuer the issuer of the actor's identity, when it is not the token's own issuer
 * @param prior the previous actor in the chain
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693#section-4.1">RFC 8693 §4.1</a>
 */
public record ActClaim(String subject, Optional<String> issuer, Optional<ActClaim> prior) {

    /** The deepest chain the SDK reads or writes, whatever a policy allows. */
    public static final int MAX_DEPTH = 16;

    public ActClaim {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(prior, "prior");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("actor subject must not be blank");
        }
        if (prior.isPresent() && prior.get().depth() >= MAX_DEPTH) {
            throw new IllegalArgumentException("act chain deeper than " + MAX_DEPTH);
        }
    }

    /** The number of actors in the chain, this one included. */
    public int depth() {
        return 1 + prior.map(ActClaim::depth).orElse(0);
    }

    /** The chain read from a token's {@code act} claim, if it has a well-formed one. */
    public static Optional<ActClaim> from(JwtClaims claims) {
        return read(claims.object(JwtClaims.ACT), 0);
    }

    private static Optional<ActClaim> read(Optional<JwtClaims> act, int depth) {
        if (act.isEmpty() || depth >= MAX_DEPTH) {
            return Optional.empty();
        }
        Optional<String> sub = act.get().subject();
        if (sub.isEmpty() || sub.get().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ActClaim(sub.get(), act.get().issuer(),
                read(act.get().object(JwtClaims.ACT), depth + 1)));
    }

    /** The JSON object form. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sub", subject);
        issuer.ifPresent(i -> json.put("iss", i));
        prior.ifPresent(p -> json.put("act", p.toJson()));
        return json;
    }
}
