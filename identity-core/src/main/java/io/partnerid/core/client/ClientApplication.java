package io.partnerid.core.client;

import io.partnerid.core.org.OrgId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An application (OAuth client) owned by an organization: what it may ask for and where it may be redirected.
 *
 * <p>Immutable and thread-safe. Redirect URIs are absolute, carry no fragment (RFC 6749 §3.1.2), no wildcard and no
 * user-info, and use {@code https} (plain {@code http} only for loopback hosts, RFC 8252 §7.3) or a private-use
 * scheme of a native app. They are matched by <em>exact string comparison</em> ({@link #allowsRedirectUri}), as
 * RFC 9700 §4.1.3 requires: no prefix, pattern or port leniency. Scopes are RFC 6749 §3.3 scope tokens. A client is
 * confidential exactly when it has a secret hash; the hash is a {@link SecretHasher} encoding, never the secret,
 * and {@link #toString()} redacts it anyway.
 *
 * @param id the immutable client id
 * @param orgId the owning organization; never changes
 * @param name a display name, 1 to 200 characters
 * @param grantTypes the grant types it may use, 1 to 20 (see {@link GrantTypes})
 * @param redirectUris its registered redirect URIs, at most 50
 * @param scopes the scopes it may request, at most 200
 * @param audiences the audiences (resource servers) it may obtain tokens for, at most 50
 * @param secretHash the encoded hash of its secret; absent for a public client
 * @param createdAt when it was registered
 * @param version the optimistic-concurrency version, starting at 0
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3">RFC 9700 §4.1.3 redirect URI exact match</a>
 */
public record ClientApplication(ClientId id, OrgId orgId, String name, Set<String> grantTypes,
                                Set<String> redirectUris, Set<String> scopes, Set<String> audiences,
                                Optional<String> secretHash, Instant createdAt, long version) {

    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");
    private static final Pattern PRIVATE_USE_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*\\.[a-z0-9+.-]+");

    public ClientApplication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("client name must have 1 to 200 characters");
        }
        grantTypes = sortedCopy(grantTypes, 20, "grant type", g -> check(VISIBLE_ASCII, g, "grant type"));
        if (grantTypes.isEmpty()) {
            throw new IllegalArgumentException("a client has at least one grant type");
        }
        redirectUris = sortedCopy(redirectUris, 50, "redirect URI", ClientApplication::checkRedirectUri);
        scopes = sortedCopy(scopes, 200, "scope", s -> check(SCOPE_TOKEN, s, "scope"));
        audiences = sortedCopy(audiences, 50, "audience", a -> check(VISIBLE_ASCII, a, "audience"));
        if (secretHash.isPresent() && (secretHash.get().isEmpty() || secretHash.get().length() > 512)) {
            throw new IllegalArgumentException("malformed secret hash");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /**
     * Validates a redirect URI: absolute, no fragment, no wildcard, no user-info, at most 2,048 characters;
     * {@code https}, {@code http} on a loopback host, or a private-use (reverse-domain) scheme.
     *
     * @throws IllegalArgumentException when it breaks a rule
     */
    public static void checkRedirectUri(String uri) {
        Objects.requireNonNull(uri, "redirect URI");
        if (uri.isEmpty() || uri.length() > 2048) {
            throw new IllegalArgumentException("a redirect URI has 1 to 2048 characters");
        }
        if (uri.indexOf('#') >= 0 || uri.indexOf('*') >= 0) {
            throw new IllegalArgumentException("a redirect URI has no fragment and no wildcard");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed redirect URI");
        }
        if (!parsed.isAbsolute() || parsed.isOpaque() && !isPrivateUse(parsed)) {
            throw new IllegalArgumentException("a redirect URI must be absolute");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a redirect URI carries no user-info");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException("an https redirect URI names a host");
            }
        } else if (scheme.equals("http")) {
            if (!isLoopback(parsed.getHost())) {
                throw new IllegalArgumentException("plain http redirect URIs are only allowed for loopback hosts");
            }
        } else if (!isPrivateUse(parsed)) {
            throw new IllegalArgumentException("unsupported redirect URI scheme: " + scheme);
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost"));
    }

    private static boolean isPrivateUse(URI uri) {
        return PRIVATE_USE_SCHEME.matcher(uri.getScheme()).matches();
    }

    private static void check(Pattern pattern, String value, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed " + what + ": " + value);
        }
    }

    private static Set<String> sortedCopy(Set<String> values, int max, String what, Consumer<String> check) {
        Objects.requireNonNull(values, what + "s");
        if (values.size() > max) {
            throw new IllegalArgumentException("at most " + max + " " + what + "s");
        }
        SortedSet<String> sorted = new TreeSet<>();
        for (String v : values) {
            check.accept(Objects.requireNonNull(v, what));
            sorted.add(v);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    /** True when the client has a secret (it can authenticate with it). */
    public boolean isConfidential() {
        return secretHash.isPresent();
    }

    /** True when {@code redirectUri} equals one registered URI exactly (RFC 9700 §4.1.3). */
    public boolean allowsRedirectUri(String redirectUri) {
        return redirectUris.contains(Objects.requireNonNull(redirectUri, "redirectUri"));
    }

    /** True when the client may use {@code grantType}. */
    public boolean allowsGrantType(String grantType) {
        return grantTypes.contains(Objects.requireNonNull(grantType, "grantType"));
    }

    /** The same client with another secret hash (or none), at the same version. */
    public ClientApplication withSecretHash(Optional<String> newHash) {
        return new ClientApplication(id, orgId, name, grantTypes, redirectUris, scopes, audiences, newHash,
                createdAt, version);
    }

    /** The same client at the version the repository assigned after a write. */
    public ClientApplication withVersion(long newVersion) {
        return new ClientApplication(id, orgId, name, grantTypes, redirectUris, scopes, audiences, secretHash,
                createdAt, newVersion);
    }

    /** Describes the client with its secret hash redacted. */
    @Override
    public String toString() {
        return "ClientApplication[id=" + id + ", orgId=" + orgId + ", name=" + name + ", grantTypes=" + grantTypes
                + ", redirectUris=" + redirectUris + ", scopes=" + scopes + ", audiences=" + audiences
                + ", secretHash=" + (secretHash.isPresent() ? "[redacted]" : "[none]") + ", createdAt=" + createdAt
                + ", version=" + version + "]";
    }
}
