package io.partnerid.authz.pipeline;

import java.util.Objects;

/**
 * The identity step of the zero-trust pipeline: turns a presented credential (an access token) into a verified
 * principal, or refuses it.
 *
 * <p>Called first, once per request, by {@link ZeroTrustPipeline}. Implementations must be thread-safe and must check
 * everything that makes a credential valid (signature, expiry, revocation, issuer, audience, the organization's
 * status). {@link AccessTokenIdentityVerifier} adapts the SDK's own access tokens ({@code io.partnerid.core.token});
 * hosts that accept other credentials implement this interface.
 */
@FunctionalInterface
public interface IdentityVerifier {

    /** Verifies the credential. */
    Outcome verify(String credential);

    /** The result of verification. Implementations are immutable and thread-safe. */
    sealed interface Outcome permits Verified, Refused {
    }

    /**
     * The credential is valid.
     *
     * @param principal who it identifies
     */
    record Verified(VerifiedPrincipal principal) implements Outcome {
        public Verified {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * The credential is not valid.
     *
     * @param reason operator detail (never the credential itself)
     */
    record Refused(String reason) implements Outcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
