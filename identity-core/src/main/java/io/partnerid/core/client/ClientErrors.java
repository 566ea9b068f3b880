package io.partnerid.core.client;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Error codes of client applications.
 *
 * <p>Constants only; thread-safe. Secret verification never throws for a wrong secret or an unknown client: it
 * answers false, identically in both cases.
 */
public final class ClientErrors {

    /** The client does not exist (administrative look-ups only). */
    public static final ErrorCode NOT_FOUND = ErrorCode.of("client.not_found");

    /** The client metadata is invalid (RFC 7591 §3.2.2 {@code invalid_client_metadata}). */
    public static final ErrorCode INVALID_METADATA = ErrorCode.of("client.invalid_metadata",
            "invalid_client_metadata", "https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2");

    /** A redirect URI breaks the registration rules (RFC 7591 §3.2.2 {@code invalid_redirect_uri}). */
    public static final ErrorCode INVALID_REDIRECT_URI = ErrorCode.of("client.invalid_redirect_uri",
            "invalid_redirect_uri", "https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2");

    /** The operation needs a confidential client (one with a secret), for example a secret rotation. */
    public static final ErrorCode NOT_CONFIDENTIAL = ErrorCode.of("client.not_confidential");

    private ClientErrors() {
    }

    static IdentityException notFound(ClientId id) {
        return new IdentityException(NOT_FOUND, "The client was not found.", "client " + id);
    }

    static IdentityException invalidMetadata(String detail) {
        return new IdentityException(INVALID_METADATA, "The client metadata is invalid.", detail);
    }
}
