package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.testkit.exchange.ExchangePolicyRepositoryContract;
import io.partnerid.testkit.jdbc.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcExchangePolicyRepository} beyond the contract: the stored form and what happens when a row cannot be
 * read. Subclasses choose the database.
 */
abstract class JdbcExchangePolicyRepositoryTestBase extends ExchangePolicyRepositoryContract {

    private static final OrgId ACME = OrgId.of("acme");

    private JdbcExchangePolicyRepository repository;
    private JdbcExchangePolicyRepository anotherNode;

    /** The migrated test database, emptied before each test. */
    protected abstract TestDatabase database();

    @Override
    protected ExchangePolicyRepository repository() {
        if (repository == null) {
            repository = new JdbcExchangePolicyRepository(database().dataSource());
        }
        return repository;
    }

    @Override
    protected ExchangePolicyRepository anotherNode() {
        if (anotherNode == null) {
            anotherNode = new JdbcExchangePolicyRepository(database().dataSource());
        }
        return anotherNode;
    }

    @Test
    void saveWhenDefaultsThenStoredAsFormatTwoInTheDocumentedLayout() throws SQLException {
        repository().save(ExchangePolicy.builder(ACME).allowedClients("gw").maxLifetime(Duration.ofMillis(1_500))
                .build());
        // clients, issuers, orgs, audiences, default audience, depth, exchanges, lifetime, impersonation, user subject
        assertThat(row("acme")).isEqualTo("2|4:2:gw0:0:0:0:1:31:56:PT1.5S5:false4:true");
    }

    @Test
    void saveWhenIssuerTrustedForAuthenticationContextThenSixFieldIssuerRecord() throws SQLException {
        repository().save(ExchangePolicy.builder(ACME).maxLifetime(Duration.ofMillis(1_500))
                .trustedIssuers(TrustedIssuer.builder("https://idp.example", "aud", URI.create("https://idp.example/jwks"))
                        .algorithms(SigningAlgorithm.ES256).trustAuthenticationContext(true).build())
                .build());
        String issuer = f("https://idp.example") + f("https://idp.example/jwks") + f(f("ES256")) + f("aud")
                + f("true") + f("true");
        assertThat(row("acme")).isEqualTo("2|" + f("") + f(f(issuer)) + f("") + f("") + f("") + f("3") + f("5")
                + f("PT1.5S") + f("false") + f("true"));
        assertThat(repository().find(ACME).orElseThrow().trustedIssuers().get(0).trustAuthenticationContext())
                .isTrue();
    }

    @Test
    @DisplayName("R1: a policy row of format 1 (before the flag existed) reads with no authentication-context trust")
    void findWhenRowOfFormatOneThenIssuerNotTrustedForAuthenticationContext() throws SQLException {
        String oldIssuer = f("https://idp.example") + f("https://idp.example/jwks") + f(f("ES256")) + f("aud")
                + f("false");
        String tail = f("") + f("") + f("") + f("3") + f("5") + f("PT1.5S") + f("false") + f("true");
        write("acme", 1, f(f("gw")) + f(f(oldIssuer)) + tail);

        ExchangePolicy read = repository().find(ACME).orElseThrow();

        assertThat(read.allowedClients()).containsExactly("gw");
        TrustedIssuer issuer = read.trustedIssuers().get(0);
        assertThat(issuer.issuer()).isEqualTo("https://idp.example");
        assertThat(issuer.audience()).isEqualTo("aud");
        assertThat(issuer.typedAccessTokens()).isFalse();
        assertThat(issuer.trustAuthenticationContext()).isFalse();
        // the next save writes the current format
        repository().save(read);
        assertThat(row("acme")).startsWith("2|");
        assertThat(repository().find(ACME)).contains(read);
        // each format is strict about its issuer record: six fields in format 1, five in format 2 are refused
        write("acme", 1, f(f("gw")) + f(f(oldIssuer + f("true"))) + tail);
        assertStoreFailure(() -> repository().find(ACME));
        write("acme", 2, f(f("gw")) + f(f(oldIssuer)) + tail);
        assertStoreFailure(() -> repository().find(ACME));
    }

    @Test
    void findWhenStoredPolicyIsMalformedThenStoreFailureNotADefault() throws SQLException {
        String valid = "4:2:gw0:0:0:0:1:31:56:PT1.5S5:false4:true";
        for (String broken : new String[] {"", "garbage", valid.substring(0, valid.length() - 1), valid + "0:",
            valid.replace("1:3", "1:x"), valid.replace("4:true", "4:TRUE"), valid.replace("1:5", "2:65"),
            valid.replace("6:PT1.5S", "4:PT0S"), "4:2:gw" + "0:".repeat(9)}) {
            write("acme", 1, broken);
            assertStoreFailure(() -> repository().find(ACME));
        }
    }

    @Test
    void findWhenStoredIssuerIsUnsafeThenStoreFailure() throws SQLException {
        String safe = f("https://idp.example") + f("https://idp.example/jwks") + f(f("ES256")) + f("aud")
                + f("true");
        String tail = f("") + f("") + f("") + f("3") + f("5") + f("PT1.5S") + f("false") + f("true");
        write("acme", 1, f("") + f(f(safe)) + tail);
        assertThat(repository().find(ACME)).isPresent(); // the layout below is right

        String plainHttp = safe.replace(f("https://idp.example/jwks"), f("http://idp.example/jwks"));
        write("acme", 1, f("") + f(f(plainHttp)) + tail);
        assertStoreFailure(() -> repository().find(ACME)); // http off loopback: TrustedIssuer refuses it

        String noneAlgorithm = safe.replace(f(f("ES256")), f(f("none")));
        write("acme", 1, f("") + f(f(noneAlgorithm)) + tail);
        assertStoreFailure(() -> repository().find(ACME));

        write("acme", 1, f("") + f(f(safe) + f(safe)) + tail); // the same issuer twice
        assertStoreFailure(() -> repository().find(ACME));
    }

    /** One length-prefixed field. */
    private static String f(String text) {
        return text.length() + ":" + text;
    }

    @Test
    void findWhenStoredFormatIsUnknownThenStoreFailure() throws SQLException {
        write("acme", 3, "4:2:gw0:0:0:0:1:31:56:PT1.5S5:false4:true");
        assertStoreFailure(() -> repository().find(ACME));
    }

    @Test
    void saveWhenStoredRowIsMalformedThenReplacedByTheNewPolicy() throws SQLException {
        write("acme", 1, "garbage");
        ExchangePolicy policy = ExchangePolicy.builder(ACME).allowedClients("gw").build();
        repository().save(policy);
        assertThat(repository().find(ACME)).contains(policy);
    }

    @Test
    void findWhenCustomRowMapperThenUsed() {
        AtomicInteger mapped = new AtomicInteger();
        RowMapper<ExchangePolicy> counting = rs -> {
            mapped.incrementAndGet();
            return JdbcExchangePolicyRepository.ROW_MAPPER.map(rs);
        };
        JdbcExchangePolicyRepository custom = new JdbcExchangePolicyRepository(database().dataSource(), counting);
        ExchangePolicy policy = ExchangePolicy.builder(ACME).allowedClients("gw").build();
        custom.save(policy);
        assertThat(custom.find(ACME)).contains(policy);
        assertThat(mapped).hasValue(1);
    }

    private static void assertStoreFailure(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.FAILURE));
    }

    private String row(String org) throws SQLException {
        try (Connection c = database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT policy_format, policy FROM "
                     + "federation_exchange_policies WHERE org_id = ?")) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1) + "|" + rs.getString(2);
            }
        }
    }

    private void write(String org, int format, String policy) throws SQLException {
        try (Connection c = database().dataSource().getConnection()) {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM federation_exchange_policies WHERE org_id = ?")) {
                delete.setString(1, org);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO federation_exchange_policies "
                    + "(org_id, policy_format, policy) VALUES (?, ?, ?)")) {
                insert.setString(1, org);
                insert.setInt(2, format);
                insert.setString(3, policy);
                insert.executeUpdate();
            }
        }
    }
}
