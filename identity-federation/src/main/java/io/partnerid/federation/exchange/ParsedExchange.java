package io.partnerid.federation.exchange;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token exchange request after {@link ExchangeRequestParser}: well-formed, nothing validated yet.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints tokens.
 *
 * @param subject the subject token
 * @param actor the actor token, when given
 * @param actorType the declared actor token type, when given
 * @param requestedType the requested token type (default: access token)
 * @param targets the requested {@code audience} and {@code resource} values, in order, without duplicates
 * @param requestedScopes the requested scopes, when the {@code scope} parameter is present
 */
record ParsedExchange(PresentedToken subject, Optional<PresentedToken> actor, Optional<TokenType> actorType,
                      TokenType requestedType, List<String> targets, Optional<Set<String>> requestedScopes) {

    ParsedExchange {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(requestedType, "requestedType");
        targets = List.copyOf(targets);
        Objects.requireNonNull(requestedScopes, "requestedScopes");
    }

    @Override
    public String toString() {
        return "ParsedExchange[subject=" + subject + ", actor=" + actor + ", requestedType=" + requestedType
                + ", targets=" + targets + "]";
    }
}
