package io.partnerid.federation.exchange;

import java.net.URI;
import java.util.Objects;

/**
 * A token type identifier of RFC 8693 §3 ({@code urn:ietf:params:oauth:token-type:*}); an open vocabulary.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the identifier
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693#section-3">RFC 8693 §3</a>
 */
public record TokenType(String uri) {

    public static final TokenType ACCESS_TOKEN = new TokenType("urn:ietf:params:oauth:token-type:access_token");
    public static final TokenType REFRESH_TOKEN = new TokenType("urn:ietf:params:oauth:token-type:refresh_token");
    public static final TokenType ID_TOKEN = new TokenType("urn:ietf:params:oauth:token-type:id_token");
    public static final TokenType JWT = new TokenType("urn:ietf:params:oauth:token-type:jwt");
    public static final TokenType SAML2 = new TokenType("urn:ietf:params:oauth:token-type:saml2");
    public static final TokenType SAML1 = new TokenType("urn:ietf:params:oauth:token-type:saml1");

    public TokenType {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank() || uri.length() > 256 || !URI.create(uri).isAbsolute()) {
            throw new IllegalArgumentException("a token type is an absolute URI");
        }
    }

    public static TokenType of(String uri) {
        return new TokenType(uri);
    }

    @Override
    public String toString() {
        return uri;
    }
}
