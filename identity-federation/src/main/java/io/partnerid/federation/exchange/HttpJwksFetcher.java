package io.partnerid.federation.exchange;

import io.partnerid.core.IdentityException;
import io.partnerid.core.token.JsonWebKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link JwksFetcher} over {@code java.net.http}; thread-safe (the client is). */
final class HttpJwksFetcher implements JwksFetcher {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public String fetch(URI jwksUri) {
        HttpRequest request = HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw unavailable(jwksUri, "status " + response.statusCode(), null);
                }
                byte[] bytes = body.readNBytes(JsonWebKeys.MAX_JWKS_CHARS + 1);
                if (bytes.length > JsonWebKeys.MAX_JWKS_CHARS) {
                    throw unavailable(jwksUri, "document too large", null);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw unavailable(jwksUri, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(jwksUri, "interrupted", e);
        }
    }

    private static IdentityException unavailable(URI uri, String why, Throwable cause) {
        return new IdentityException(ExchangeErrors.JWKS_UNAVAILABLE, "The token cannot be validated now.",
                "JWKS at " + uri + " unavailable: " + why, cause);
    }
}
