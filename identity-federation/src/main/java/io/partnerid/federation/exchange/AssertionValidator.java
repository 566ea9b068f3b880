package io.partnerid.federation.exchange;

import io.partnerid.core.token.TokenVerification;
import java.time.Instant;

/**
 * Validates a subject or actor token of a non-JWT type (the seam for {@code urn:ietf:params:oauth:token-type:saml2},
 * filled by the SAML module) and presents it as JWT-style claims ({@code iss}, {@code sub}, {@code aud},
 * {@code exp}, {@code iat}, optional {@code scope}, {@code may_act}).
 *
 * <p>Implementations must be thread-safe. Called at most once per token per exchange request, after client
 * authentication. The implementation must apply the issuer trust of {@code policy}'s organization; a rejection
 * refuses the exchange with {@code invalid_grant}.
 */
@FunctionalInterface
public interface AssertionValidator {

    /** Validates {@code token} for the organization of {@code policy} at {@code now}. */
    TokenVerification validate(String token, ExchangePolicy policy, Instant now);
}
