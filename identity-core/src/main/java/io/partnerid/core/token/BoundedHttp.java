package io.partnerid.core.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP plumbing of the resource-server clients (JWKS and introspection): one exchange with a deadline for the
 * whole response (headers and body), a body size cap enforced while reading, no redirects.
 *
 * <p>Stateless and thread-safe.
 */
final class BoundedHttp {

    /** The longest timeout a client may configure. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    private BoundedHttp() {
    }

    /** A status and the body, which is empty for any status but 200. */
    record Response(int status, byte[] body) {
    }

    /**
     * {@code https}, or {@code http} on a loopback host (tests, sidecars); no user-info, no fragment.
     *
     * @throws IllegalArgumentException otherwise
     */
    static URI requireHttpsOrLoopback(URI uri, String what) {
        Objects.requireNonNull(uri, what);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must be an absolute URL with a host, without user-info or "
                    + "fragment");
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equalsIgnoreCase("localhost");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException(what + " must be https (http only on a loopback host)");
        }
        return uri;
    }

    /** A timeout between 1 ms and {@link #MAX_TIMEOUT}. */
    static Duration requireTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be positive and at most " + MAX_TIMEOUT);
        }
        return timeout;
    }

    /** A client that never follows redirects, with the given connect timeout. */
    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A host-supplied client, refused unless it never follows redirects. */
    static HttpClient requireNoRedirects(HttpClient client) {
        Objects.requireNonNull(client, "httpClient");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient must not follow redirects (HttpClient.Redirect.NEVER)");
        }
        return client;
    }

    /**
     * Sends {@code request} and reads the response within {@code timeout} in total.
     *
     * @throws IOException on a network error, a timeout, an interruption (the flag is restored) or a 200 body
     *     larger than {@code maxBytes}
     */
    static Response send(HttpClient client, HttpRequest request, int maxBytes, Duration timeout) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> info.statusCode() == 200
                ? new Capped(maxBytes) : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("timed out", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getClass().getSimpleName(), cause);
        }
    }

    /** Collects at most {@code max} bytes and cancels the exchange as soon as the body grows beyond. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("response body larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
