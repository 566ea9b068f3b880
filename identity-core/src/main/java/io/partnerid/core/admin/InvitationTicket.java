package io.partnerid.core.admin;

import java.util.Objects;

/**
 * A new invitation and its token, which the host delivers to the invitee (for example in an email link).
 *
 * <p>Immutable and thread-safe. The token is shown only here, once; the SDK stores its hash. {@link #toString()}
 * never prints the token.
 *
 * @param invitation the stored invitation
 * @param token the secret token (256 bits, base64url)
 */
public record InvitationTicket(Invitation invitation, String token) {

    public InvitationTicket {
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "InvitationTicket[invitation=" + invitation.id() + ", token=<redacted>]";
    }
}
