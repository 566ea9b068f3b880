package io.partnerid.core.user;

import io.partnerid.core.org.OrgId;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user of one identity pool.
 *
 * <p>Immutable and thread-safe. Users are keyed by their immutable {@link UserId}; the username is unique within
 * the pool and kept in canonical form ({@link #canonicalUsername(String)}: Unicode NFKC, lower case, no white
 * space). The e-mail address is informational: it is never a key and never used to link federated identities
 * (those are keyed by issuer and subject, see {@link FederatedIdentity}). {@code orgId} is the home organization,
 * always the organization of the pool; it is denormalized so that tenancy checks need no pool look-up.
 *
 * @param id the immutable id
 * @param poolId the pool the user lives in; never changes
 * @param orgId the home organization, the pool's organization; never changes
 * @param username the canonical username, unique per pool, 1 to 128 characters
 * @param email an e-mail address (unverified unless another component says so), if any
 * @param displayName a display name, 1 to 200 characters
 * @param status the lifecycle state
 * @param createdAt when the user was created
 * @param version the optimistic-concurrency version, starting at 0
 */
public record User(UserId id, PoolId poolId, OrgId orgId, String username, Optional<String> email,
                   String displayName, UserStatus status, Instant createdAt, long version) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!username.equals(canonicalUsername(username))) {
            throw new IllegalArgumentException("username must be in canonical form");
        }
        email.ifPresent(User::checkEmail);
        if (displayName.isBlank() || displayName.length() > 200) {
            throw new IllegalArgumentException("display name must have 1 to 200 characters");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /**
     * The canonical form of a username: Unicode NFKC, stripped, lower case ({@link Locale#ROOT}). Look-ups and the
     * per-pool uniqueness use this form, so {@code Alice} and {@code alice} are the same user and compatibility
     * look-alikes (full-width letters) fold onto their plain form.
     *
     * @throws IllegalArgumentException when the result is empty, longer than 128 characters, or contains white
     *     space or control characters
     */
    public static String canonicalUsername(String raw) {
        Objects.requireNonNull(raw, "username");
        String canonical = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (canonical.isEmpty() || canonical.length() > 128) {
            throw new IllegalArgumentException("username must have 1 to 128 characters");
        }
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("username must not contain white space or control characters");
            }
        }
        return canonical;
    }

    private static void checkEmail(String email) {
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("malformed e-mail address");
        }
    }

    /** True when the user may sign in and hold effective roles. */
    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    /** The same user in another state, at the same version (the caller checks the transition). */
    public User withStatus(UserStatus newStatus) {
        return new User(id, poolId, orgId, username, email, displayName, newStatus, createdAt, version);
    }

    /** The same user with another display name and e-mail address, at the same version. */
    public User withProfile(String newDisplayName, Optional<String> newEmail) {
        return new User(id, poolId, orgId, username, newEmail, newDisplayName, status, createdAt, version);
    }

    /** The same user at the version the repository assigned after a write. */
    public User withVersion(long newVersion) {
        return new User(id, poolId, orgId, username, email, displayName, status, createdAt, newVersion);
    }
}
