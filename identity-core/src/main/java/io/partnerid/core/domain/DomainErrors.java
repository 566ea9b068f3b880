package io.partnerid.core.domain;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Error codes of verified domains.
 *
 * <p>Constants only; thread-safe. Expected refusals of a verification (no claim, verified by another organization,
 * record not found, expired) are not errors but {@link DomainVerification} results.
 */
public final class DomainErrors {

    /** The text is not a valid domain name (syntax, length, a bare top-level domain, bad IDN). */
    public static final ErrorCode INVALID_NAME = ErrorCode.of("domain.invalid_name");

    /** The DNS lookup failed (timeout, server failure, refused); the outcome is unknown, retry later. */
    public static final ErrorCode DNS_UNAVAILABLE = ErrorCode.of("domain.dns_unavailable");

    private DomainErrors() {
    }

    static IdentityException invalidName(String why) {
        return new IdentityException(INVALID_NAME, "The domain name is not valid.", "invalid domain name: " + why);
    }

    /** The exception for a failed DNS lookup of {@code name}. */
    public static IdentityException dnsUnavailable(String name, Throwable cause) {
        return new IdentityException(DNS_UNAVAILABLE, "The DNS lookup failed; try again later.",
                "DNS TXT lookup of " + name + " failed", cause);
    }
}
