package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.SECRET;
import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "authenticate client (R5)" alone: its accept path and each refusal with its error code.
 */
class ClientAuthenticationTests {

    private final ExchangeFixture f = new ExchangeFixture();

    @Test
    void authenticateWhenOwnClientWithRightSecretThenClient() {
        ExchangeClient client = passed(new ClientAuthentication(f.clients).authenticate(f.acme,
                ClientCredentials.of("gateway", SECRET)));
        assertThat(client.clientId()).isEqualTo("gateway");
    }

    @Test
    void authenticateWhenWrongSecretThenClientAuthenticationFailed() {
        assertRefused(new ClientAuthentication(f.clients).authenticate(f.acme, ClientCredentials.of("gateway",
                "wrong")), ExchangeErrors.CLIENT_AUTHENTICATION_FAILED);
    }

    @Test
    @DisplayName("R5: a client owned by another organization is refused even when ExchangeClients returns it")
    void authenticateWhenClientsAnswerWithAnotherOrganizationsClientThenClientAuthenticationFailed() {
        ExchangeClient supplierClient = ExchangeFixture.client("supplier-svc", f.supplier).build();
        ExchangeClients careless = (org, credentials) -> Optional.of(supplierClient);

        assertRefused(new ClientAuthentication(careless).authenticate(f.acme, ClientCredentials.of(
                "supplier-svc", SECRET)), ExchangeErrors.CLIENT_AUTHENTICATION_FAILED);
    }
}
