package io.partnerid.federation.exchange;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step "parse request": the form of a token exchange request (RFC 8693 §2.1) parsed with the Nimbus OAuth 2.0 SDK,
 * refusing a foreign grant type, repeated single-valued parameters and malformed targets.
 *
 * <p>Stateless and thread-safe; one instance serves every request.
 */
final class ExchangeRequestParser {

    private static final Set<String> SINGLE_VALUED = Set.of("grant_type", "subject_token", "subject_token_type",
            "actor_token", "actor_token_type", "requested_token_type", "scope");

    /**
     * Parses {@code form}; refuses {@code exchange.unsupported_grant}, {@code exchange.malformed_request},
     * {@code exchange.invalid_target}.
     */
    StepOutcome<ParsedExchange> parse(Map<String, List<String>> form) {
        // RFC 8693 §2.1: "grant_type REQUIRED. The value urn:ietf:params:oauth:grant-type:token-exchange"
        List<String> grant = form.getOrDefault("grant_type", List.of());
        if (grant.size() != 1 || !GrantType.TOKEN_EXCHANGE.getValue().equals(grant.get(0))) {
            return StepOutcome.refuse(ExchangeErrors.UNSUPPORTED_GRANT, "The grant type is not supported here.");
        }
        for (String name : SINGLE_VALUED) {
            if (form.getOrDefault(name, List.of()).size() > 1) {
                return StepOutcome.refuse(ExchangeErrors.MALFORMED_REQUEST, "The parameter " + name
                        + " is repeated.");
            }
        }
        TokenExchangeGrant parsed;
        try {
            parsed = TokenExchangeGrant.parse(form);
        } catch (ParseException e) {
            return StepOutcome.refuse(ExchangeErrors.MALFORMED_REQUEST, "The token exchange request is malformed.");
        }
        Optional<List<String>> targets = targets(parsed, form);
        if (targets.isEmpty()) {
            return StepOutcome.refuse(ExchangeErrors.INVALID_TARGET, "The requested resource is not valid.");
        }
        PresentedToken subject = new PresentedToken(parsed.getSubjectToken().getValue(),
                TokenType.of(parsed.getSubjectTokenType().getURI().toString()));
        Optional<TokenType> actorType = Optional.ofNullable(parsed.getActorTokenType())
                .map(t -> TokenType.of(t.getURI().toString()));
        Optional<PresentedToken> actor = Optional.ofNullable(parsed.getActorToken())
                .map(t -> new PresentedToken(t.getValue(), actorType.orElseThrow()));
        TokenType requestedType = Optional.ofNullable(parsed.getRequestedTokenType())
                .map(t -> TokenType.of(t.getURI().toString())).orElse(TokenType.ACCESS_TOKEN);
        Optional<Set<String>> requestedScopes = Optional.ofNullable(first(form, "scope"))
                .map(s -> Collections.unmodifiableSet(new LinkedHashSet<>(Scope.parse(s).toStringList())));
        return StepOutcome.pass(new ParsedExchange(subject, actor, actorType, requestedType, targets.get(),
                requestedScopes));
    }

    /**
     * RFC 8693 §2.1 {@code audience} (any string) and {@code resource} (absolute URI, no fragment, RFC 8707); empty
     * when a resource is not valid.
     */
    private static Optional<List<String>> targets(TokenExchangeGrant parsed, Map<String, List<String>> form) {
        List<String> out = new ArrayList<>();
        if (parsed.getAudience() != null) {
            for (Audience a : parsed.getAudience()) {
                out.add(a.getValue());
            }
        }
        for (String resource : form.getOrDefault("resource", List.of())) {
            URI uri;
            try {
                uri = URI.create(resource);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                return Optional.empty();
            }
            out.add(resource);
        }
        return Optional.of(List.copyOf(new LinkedHashSet<>(out)));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
