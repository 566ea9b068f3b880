package io.partnerid.federation.exchange;

import io.partnerid.core.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a token exchange request: a token was issued, or the request was refused with an OAuth error.
 *
 * <p>Immutable and thread-safe. An HTTP adapter renders {@link Issued#toResponseParameters()} as the JSON body of a
 * 200 response (RFC 8693 §2.2.1) and {@link Refused#toResponseParameters()} with {@link Refused#httpStatus()}
 * (RFC 8693 §2.2.2). Refusal descriptions are client-safe; the precise reason is in {@link Refused#code()}, the
 * audit event and DEBUG logs.
 */
public sealed interface ExchangeOutcome permits ExchangeOutcome.Issued, ExchangeOutcome.Refused {

    /**
     * A token was issued. No refresh token is ever issued by an exchange (and never when an actor is present).
     *
     * @param accessToken the issued token
     * @param issuedTokenType its type (RFC 8693 §2.2.1 {@code issued_token_type})
     * @param expiresInSeconds its lifetime
     * @param scopes the granted scopes
     * @param jwtId its id, for audit and revocation
     * @param delegated whether it carries an {@code act} claim
     */
    record Issued(String accessToken, TokenType issuedTokenType, long expiresInSeconds, Set<String> scopes,
                  String jwtId, boolean delegated) implements ExchangeOutcome {
        public Issued {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(issuedTokenType, "issuedTokenType");
            scopes = Set.copyOf(scopes);
            Objects.requireNonNull(jwtId, "jwtId");
        }

        /** Always empty: exchanged tokens are not refreshable. */
        public Optional<String> refreshToken() {
            return Optional.empty();
        }

        /** The JSON response members. */
        public Map<String, Object> toResponseParameters() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("access_token", accessToken);
            out.put("issued_token_type", issuedTokenType.uri());
            out.put("token_type", "Bearer");
            out.put("expires_in", expiresInSeconds);
            if (!scopes.isEmpty()) {
                out.put("scope", String.join(" ", scopes.stream().sorted().toList()));
            }
            return out;
        }

        @Override
        public String toString() {
            return "Issued[jti=" + jwtId + ", expiresIn=" + expiresInSeconds + ", delegated=" + delegated + "]";
        }
    }

    /**
     * The request was refused.
     *
     * @param code the precise, namespaced reason (for audit and logs)
     * @param error the OAuth error code
     * @param description a client-safe description
     */
    record Refused(ErrorCode code, String error, String description) implements ExchangeOutcome {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }

        static Refused of(ErrorCode code, String description) {
            return new Refused(code, code.protocolError().orElse("invalid_request"), description);
        }

        /** 401 for {@code invalid_client}, otherwise 400 (RFC 6749 §5.2). */
        public int httpStatus() {
            return "invalid_client".equals(error) ? 401 : 400;
        }

        public Map<String, Object> toResponseParameters() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", error);
            out.put("error_description", description);
            return out;
        }
    }
}
