package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.ExchangeFixture.exchangeForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.StoreErrors;
import io.partnerid.federation.FederationTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token exchange on policies stored by {@link JdbcExchangePolicyRepository} (H2), with the policy changed through a
 * second repository as another node would: the exchange follows every saved change at its next request.
 */
class JdbcExchangePolicyExchangeTests {

    @RegisterExtension
    static final TestDatabase DB = FederationTestDatabases.h2();

    private final ExchangePolicyRepository otherNode = new JdbcExchangePolicyRepository(DB.dataSource());
    private ExchangeFixture f;

    @BeforeEach
    void fixture() {
        // after the extension has emptied the tables; the fixture saves acme's and the supplier's policies
        f = new ExchangeFixture(new JdbcExchangePolicyRepository(DB.dataSource()));
    }

    @Test
    @DisplayName("T10: a partner issuer removed from the policy on another node is refused at the next request")
    void exchangeWhenIssuerRemovedOnAnotherNodeThenRefusedAtTheNextRequest() {
        assertThat(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS)))
                .isInstanceOf(ExchangeOutcome.Issued.class);

        otherNode.save(f.acmePolicy().trustedIssuers().build());

        assertThat(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS)))
                .isInstanceOfSatisfying(ExchangeOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo(ExchangeErrors.ISSUER_NOT_TRUSTED));
    }

    @Test
    @DisplayName("T7: a client removed from the policy on another node may no longer exchange")
    void exchangeWhenClientRemovedOnAnotherNodeThenUnauthorizedClient() {
        otherNode.save(f.acmePolicy().allowedClients("reporting").build());

        assertThat(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS)))
                .isInstanceOfSatisfying(ExchangeOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo(ExchangeErrors.CLIENT_NOT_ALLOWED));
    }

    @Test
    void exchangeWhenStoredPolicyUnreadableThenRefusedNeverRunOnADefault() throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE federation_exchange_policies SET policy = 'garbage' WHERE org_id = '"
                    + f.acme.value() + "'");
        }

        assertThat(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS)))
                .isInstanceOfSatisfying(ExchangeOutcome.Refused.class,
                        r -> assertThat(r.code().value()).isEqualTo(StoreErrors.FAILURE.value()));
    }
}
