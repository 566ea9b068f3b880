package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One token exchange request as the HTTP layer received it: the organization whose endpoint was called, the
 * client's credentials, and the form parameters.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints parameters (they hold tokens).
 *
 * @param org the organization whose token endpoint received the request
 * @param client the client's credentials
 * @param parameters the {@code application/x-www-form-urlencoded} parameters, each name with its values
 */
public record ExchangeRequest(OrgId org, ClientCredentials client, Map<String, List<String>> parameters) {

    public ExchangeRequest {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(client, "client");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(parameters, "parameters").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        parameters = Map.copyOf(copy);
    }

    @Override
    public String toString() {
        return "ExchangeRequest[org=" + org + ", client=" + client.clientId() + ", parameters=" + parameters.keySet()
                + "]";
    }
}
