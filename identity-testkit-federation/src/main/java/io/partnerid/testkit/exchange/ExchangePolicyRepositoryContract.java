package io.partnerid.testkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.federation.exchange.ExchangePolicy;
import io.partnerid.federation.exchange.ExchangePolicyRepository;
import io.partnerid.federation.exchange.TrustedIssuer;
import io.partnerid.testkit.Concurrently;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExchangePolicyRepository} must pass;
 * {@link io.partnerid.federation.exchange.InMemoryExchangePolicyRepository} and
 * {@link io.partnerid.federation.exchange.JdbcExchangePolicyRepository} (on PostgreSQL and H2) extend it.
 *
 * <p>Published in identity-testkit-federation: a host that writes its own {@code ExchangePolicyRepository} extends it
 * in its tests (one small subclass per implementation and database). Not thread-safe; JUnit creates one instance per
 * test. Every test uses organization ids unique to the test, so one store may serve
 * every test without cleaning. Pinned semantics: nothing saved reads as empty; a policy round-trips exactly (every
 * field; the trusted issuers in order; any Java string, NUL and unpaired surrogates included; the maximum lifetime
 * to the nanosecond; policies of more than a million characters); a save replaces the whole policy and is
 * idempotent; a save on another node is seen by the next read here (no stale cache); organizations are independent;
 * concurrent saves of one organization, from threads and from another
 * node, end with exactly one of the saved policies, never a mix, and concurrent readers only ever see a whole saved
 * policy; the key is an {@link OrgId} of up to 64 characters.
 */
public abstract class ExchangePolicyRepositoryContract {

    private static final String TRICKY = "a:1:\\0\\\\ \0 é 東京 \uD83D\uDE00 \uD800 x\uDC00 12:";

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    /** The repository under test; the same instance for the whole test. */
    protected abstract ExchangePolicyRepository repository();

    /**
     * A second repository over the same store, as another node opens it (a new JDBC repository on the same data
     * source; the same instance for an in-memory store).
     */
    protected abstract ExchangePolicyRepository anotherNode();

    private OrgId org(String name) {
        return OrgId.of(name + "-" + run);
    }

    private static TrustedIssuer issuer(String iss, String jwks, Set<SigningAlgorithm> algorithms, String aud,
                                        boolean typed) {
        return TrustedIssuer.builder(iss, aud, URI.create(jwks)).algorithms(algorithms).typedAccessTokens(typed)
                .trustAuthenticationContext(!typed).build();
    }

    /** Every field set away from its default; sets of several elements, three issuers in a non-sorted order. */
    private ExchangePolicy maximal(OrgId org) {
        return ExchangePolicy.builder(org)
                .allowedClients("partner-gateway", "supplier-bot", TRICKY, "")
                .trustedIssuers(
                        issuer("https://idp.zeta.example", "https://idp.zeta.example/jwks?v=2#keys",
                                EnumSet.allOf(SigningAlgorithm.class), "https://id.example.com/token", true),
                        issuer("https://idp.alpha.example/" + TRICKY, "http://127.0.0.1:8099/tenant-a/jwks",
                                EnumSet.of(SigningAlgorithm.EDDSA), "aud " + TRICKY, false),
                        issuer("urn:partner:beta", "https://[::1]:8443/j%C3%A9wks",
                                EnumSet.of(SigningAlgorithm.RS256, SigningAlgorithm.PS256), "sts", true))
                .trustedOrgs(org("supplier-a"), org("supplier-b"), org("tier2"))
                .reachableAudiences("https://orders.example.com", "https://billing.example.com", TRICKY)
                .defaultAudience("https://billing.example.com")
                .maxDelegationDepth(16)
                .maxExchanges(64)
                .maxLifetime(Duration.ofSeconds(3_723, 123_456_789))
                .allowImpersonation(true)
                .requireUserSubject(false)
                .build();
    }

    @Test
    void findWhenNothingSavedThenEmpty() {
        assertThat(repository().find(org("none"))).isEmpty();
    }

    @Test
    void saveWhenMaximalPolicyThenFoundWithEveryFieldRoundTripped() {
        OrgId acme = org("acme");
        ExchangePolicy policy = maximal(acme);

        repository().save(policy);

        ExchangePolicy found = repository().find(acme).orElseThrow();
        assertThat(found).isEqualTo(policy);
        assertThat(found.trustedIssuers()).extracting(TrustedIssuer::issuer).containsExactly(
                "https://idp.zeta.example", "https://idp.alpha.example/" + TRICKY, "urn:partner:beta");
        assertThat(found.trustedIssuers().get(1).jwksUri().toString()).isEqualTo("http://127.0.0.1:8099/tenant-a/jwks");
        assertThat(found.trustedIssuers().get(2).algorithms()).containsExactlyInAnyOrder(SigningAlgorithm.RS256,
                SigningAlgorithm.PS256);
        assertThat(found.allowedClients()).contains(TRICKY, "");
        assertThat(found.defaultAudience()).contains("https://billing.example.com");
        assertThat(found.maxLifetime().getNano()).isEqualTo(123_456_789);
        assertThat(found.maxDelegationDepth()).isEqualTo(16);
        assertThat(found.maxExchanges()).isEqualTo(64);
        assertThat(found.allowImpersonation()).isTrue();
        assertThat(found.requireUserSubject()).isFalse();
        assertThat(anotherNode().find(acme)).contains(policy);
    }

    @Test
    void saveWhenMinimalPolicyThenFoundWithDefaultsAndEmptySets() {
        OrgId acme = org("acme");
        ExchangePolicy policy = ExchangePolicy.builder(acme).build();

        repository().save(policy);

        ExchangePolicy found = repository().find(acme).orElseThrow();
        assertThat(found).isEqualTo(policy);
        assertThat(found.allowedClients()).isEmpty();
        assertThat(found.trustedIssuers()).isEmpty();
        assertThat(found.defaultAudience()).isEmpty();
        assertThat(found.requireUserSubject()).isTrue();
        assertThat(found.allowImpersonation()).isFalse();
    }

    @Test
    void saveWhenTrustedIssuersReorderedThenOrderKept() {
        OrgId acme = org("acme");
        ExchangePolicy policy = maximal(acme);
        List<TrustedIssuer> reversed = new ArrayList<>(policy.trustedIssuers());
        Collections.reverse(reversed);
        ExchangePolicy other = ExchangePolicy.builder(acme).trustedIssuers(reversed.toArray(TrustedIssuer[]::new))
                .build();

        repository().save(other);

        assertThat(repository().find(acme).orElseThrow().trustedIssuers()).containsExactlyElementsOf(reversed);
    }

    @Test
    void saveWhenPolicyExistsThenReplacedAsAWhole() {
        OrgId acme = org("acme");
        repository().save(maximal(acme));
        ExchangePolicy narrower = ExchangePolicy.builder(acme)
                .allowedClients("partner-gateway")
                .reachableAudiences("https://orders.example.com")
                .maxLifetime(Duration.ofMinutes(5))
                .build();

        repository().save(narrower);

        assertThat(repository().find(acme)).contains(narrower);
        repository().save(maximal(acme));
        assertThat(repository().find(acme)).contains(maximal(acme));
    }

    @Test
    void saveWhenRepeatedThenIdempotent() {
        OrgId acme = org("acme");
        repository().save(maximal(acme));
        repository().save(maximal(acme));
        anotherNode().save(maximal(acme));
        assertThat(repository().find(acme)).contains(maximal(acme));
    }

    @Test
    void saveWhenTwoOrganizationsThenIndependent() {
        OrgId acme = org("acme");
        OrgId globex = org("globex");
        ExchangePolicy globexPolicy = ExchangePolicy.builder(globex).allowedClients("globex-gateway").build();
        repository().save(maximal(acme));
        repository().save(globexPolicy);

        repository().save(ExchangePolicy.builder(acme).build());

        assertThat(repository().find(globex)).contains(globexPolicy);
        assertThat(repository().find(acme)).contains(ExchangePolicy.builder(acme).build());
        assertThat(repository().find(org("initech"))).isEmpty();
    }

    @Test
    void findWhenReplacedThroughAnotherNodeThenTheNewPolicyAtOnce() {
        OrgId acme = org("acme");
        repository().save(maximal(acme));
        assertThat(repository().find(acme)).contains(maximal(acme)); // a caching implementation now holds it
        ExchangePolicy withoutIssuers = ExchangePolicy.builder(acme).allowedClients("partner-gateway").build();

        anotherNode().save(withoutIssuers);

        assertThat(repository().find(acme)).contains(withoutIssuers);
    }

    @Test
    void saveWhenOrganizationIdHasTheMaximumLengthThenRoundTrips() {
        OrgId longest = OrgId.of("o".repeat(52) + "-" + run.substring(0, 11));
        assertThat(longest.value()).hasSize(64);
        ExchangePolicy policy = ExchangePolicy.builder(longest).allowedClients("gw").trustedOrgs(longest).build();

        repository().save(policy);

        assertThat(repository().find(longest)).contains(policy);
        assertThat(repository().find(OrgId.of(longest.value().substring(1)))).isEmpty();
    }

    @Test
    void organizationIdWhenLongerThanTheKeyColumnThenRefusedBeforeTheStore() {
        assertThatThrownBy(() -> OrgId.of("o".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64");
    }

    @Test
    void saveWhenPolicyIsLargerThanAMillionCharactersThenRoundTrips() {
        OrgId acme = org("acme");
        String[] clients = IntStream.range(0, 300).mapToObj(i -> i + "-" + "c".repeat(4_000)).toArray(String[]::new);
        String[] audiences = IntStream.range(0, 50).mapToObj(i -> "https://api" + i + ".example/" + "p".repeat(5_000))
                .toArray(String[]::new);
        TrustedIssuer[] issuers = IntStream.range(0, 20).mapToObj(i -> issuer("https://idp" + i + ".example/"
                        + "i".repeat(3_000), "https://idp" + i + ".example/jwks/" + "k".repeat(3_000),
                EnumSet.of(SigningAlgorithm.ES256), "a".repeat(3_000), i % 2 == 0)).toArray(TrustedIssuer[]::new);
        ExchangePolicy large = ExchangePolicy.builder(acme).allowedClients(clients).reachableAudiences(audiences)
                .trustedIssuers(issuers).defaultAudience(audiences[49]).build();

        repository().save(large);

        assertThat(repository().find(acme)).contains(large);
    }

    @Test
    void saveWhenConcurrentSavesOfOneOrganizationThenExactlyOneSavedPolicyIsIntact() throws Exception {
        for (int round = 0; round < 5; round++) {
            OrgId acme = org("race" + round); // a fresh organization: the first saves race on the insert
            List<ExchangePolicy> candidates = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                candidates.add(ExchangePolicy.builder(acme)
                        .allowedClients("client-" + i, "shared")
                        .trustedIssuers(issuer("https://idp" + i + ".example", "https://idp" + i + ".example/jwks",
                                EnumSet.of(SigningAlgorithm.ES256), "aud-" + i, i % 2 == 0))
                        .reachableAudiences("https://api" + i + ".example")
                        .defaultAudience("https://api" + i + ".example")
                        .maxDelegationDepth(i)
                        .maxExchanges(i + 1)
                        .maxLifetime(Duration.ofSeconds(60 + i, i))
                        .allowImpersonation(i % 2 == 1)
                        .build());
            }
            List<Optional<ExchangePolicy>> seen = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                ExchangePolicy p = candidates.get(i);
                ExchangePolicyRepository node = i % 2 == 0 ? repository() : anotherNode();
                tasks.add(() -> {
                    node.save(p);
                    node.save(p);
                    return null;
                });
            }
            tasks.add(() -> {
                for (int r = 0; r < 10; r++) {
                    seen.add(anotherNode().find(acme));
                }
                return null;
            });
            Concurrently.run(tasks);

            ExchangePolicy winner = repository().find(acme).orElseThrow();
            assertThat(candidates).contains(winner);
            assertThat(anotherNode().find(acme)).contains(winner);
            for (Optional<ExchangePolicy> read : seen) {
                read.ifPresent(p -> assertThat(candidates).as("a whole saved policy").contains(p));
            }
        }
    }

    @Test
    void findOrSaveWhenNullThenNullPointer() {
        assertThatThrownBy(() -> repository().find(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> repository().save(null)).isInstanceOf(NullPointerException.class);
    }
}
