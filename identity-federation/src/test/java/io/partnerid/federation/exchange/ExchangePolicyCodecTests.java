package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.SigningAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The stored text form of exchange policies: exact round trips, canonical output, strict decoding. */
class ExchangePolicyCodecTests {

    private static final OrgId ACME = OrgId.of("acme");

    @Property(tries = 300)
    void decodeWhenEncodedThenEqualAndReEncodedIdentically(@ForAll("policies") ExchangePolicy policy) {
        String text = ExchangePolicyCodec.encode(policy);
        ExchangePolicy decoded = ExchangePolicyCodec.decode(policy.org(), ExchangePolicyCodec.FORMAT, text);
        assertThat(decoded).isEqualTo(policy);
        assertThat(decoded.trustedIssuers()).containsExactlyElementsOf(policy.trustedIssuers());
        assertThat(ExchangePolicyCodec.encode(decoded)).isEqualTo(text);
        assertThat(text).doesNotContain("\0");
        assertThat(text.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)).as("no unpaired surrogate").isEmpty();
    }

    @Property(tries = 100)
    void decodeWhenTextTruncatedThenRefused(@ForAll("policies") ExchangePolicy policy) {
        String text = ExchangePolicyCodec.encode(policy);
        for (int cut = 0; cut < text.length(); cut += Math.max(1, text.length() / 40)) {
            String prefix = text.substring(0, cut);
            assertThatThrownBy(() -> ExchangePolicyCodec.decode(ACME, ExchangePolicyCodec.FORMAT, prefix))
                    .as("prefix of length %d", cut)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void decodeWhenFormatUnknownThenRefused() {
        String text = ExchangePolicyCodec.encode(ExchangePolicy.builder(ACME).build());
        assertThatThrownBy(() -> ExchangePolicyCodec.decode(ACME, 3, text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 3");
        assertThatThrownBy(() -> ExchangePolicyCodec.decode(ACME, 0, text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 0");
    }

    @Property(tries = 100)
    @Label("R1: format 1 (issuer records of five fields) decodes with no authentication-context trust")
    void decodeWhenFormatOneThenIssuersNotTrustedForAuthenticationContext(@ForAll("policies") ExchangePolicy policy) {
        String text = formatOne(policy);
        ExchangePolicy decoded = ExchangePolicyCodec.decode(policy.org(), 1, text);
        assertThat(decoded.trustedIssuers()).allMatch(i -> !i.trustAuthenticationContext());
        ExchangePolicy.Builder expected = ExchangePolicy.builder(policy.org())
                .allowedClients(policy.allowedClients().toArray(String[]::new))
                .trustedIssuers(policy.trustedIssuers().stream().map(i -> new TrustedIssuer(i.issuer(), i.jwksUri(),
                        i.algorithms(), i.audience(), i.typedAccessTokens(), false)).toArray(TrustedIssuer[]::new))
                .trustedOrgs(policy.trustedOrgs().toArray(OrgId[]::new))
                .reachableAudiences(policy.reachableAudiences().toArray(String[]::new))
                .maxDelegationDepth(policy.maxDelegationDepth()).maxExchanges(policy.maxExchanges())
                .maxLifetime(policy.maxLifetime()).allowImpersonation(policy.allowImpersonation())
                .requireUserSubject(policy.requireUserSubject());
        policy.defaultAudience().ifPresent(expected::defaultAudience);
        assertThat(decoded).isEqualTo(expected.build());
        if (!policy.trustedIssuers().isEmpty()) {
            // a format-1 text is not a format-2 text, and the other way round
            assertThatThrownBy(() -> ExchangePolicyCodec.decode(policy.org(), ExchangePolicyCodec.FORMAT, text))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ExchangePolicyCodec.decode(policy.org(), 1, ExchangePolicyCodec.encode(policy)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The format-1 text of {@code policy}: the current text with the sixth field of each issuer record cut off. */
    private static String formatOne(ExchangePolicy policy) {
        String text = ExchangePolicyCodec.encode(policy);
        List<String> fields = split(text);
        StringBuilder issuers = new StringBuilder();
        for (String record : split(fields.get(1))) {
            List<String> f = split(record);
            StringBuilder five = new StringBuilder();
            for (String field : f.subList(0, 5)) {
                five.append(field.length()).append(':').append(field);
            }
            issuers.append(five.length()).append(':').append(five);
        }
        fields.set(1, issuers.toString());
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            out.append(field.length()).append(':').append(field);
        }
        return out.toString();
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int colon = text.indexOf(':', i);
            int length = Integer.parseInt(text.substring(i, colon));
            out.add(text.substring(colon + 1, colon + 1 + length));
            i = colon + 1 + length;
        }
        return out;
    }

    @Test
    void decodeWhenLengthNotCanonicalThenRefused() {
        String text = ExchangePolicyCodec.encode(ExchangePolicy.builder(ACME).build());
        assertThat(text).startsWith("0:0:");
        for (String bad : List.of("00:" + text.substring(2), "+0:" + text.substring(2), "-1:" + text.substring(2),
                "99999999999:" + text.substring(2))) {
            assertThatThrownBy(() -> ExchangePolicyCodec.decode(ACME, 1, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void decodeWhenSetHasARepeatedElementThenRefused() {
        String text = ExchangePolicyCodec.encode(ExchangePolicy.builder(ACME).allowedClients("gw").build());
        assertThat(text).startsWith("4:2:gw");
        assertThatThrownBy(() -> ExchangePolicyCodec.decode(ACME, 1, "8:2:gw2:gw" + text.substring(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- generators

    /** Any UTF-16 text, often made of the characters the encoding treats specially. */
    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12),
                Arbitraries.strings().withChars("\\:0u1\u0000\ud800\udc00\ud83d\ude00a").ofMaxLength(12));
    }

    @Provide
    Arbitrary<ExchangePolicy> policies() {
        Arbitrary<String> text = strings();
        Arbitrary<String> nonBlank = text.map(s -> "x" + s);
        Arbitrary<Set<SigningAlgorithm>> algorithms = Arbitraries.subsetOf(EnumSet.allOf(SigningAlgorithm.class))
                .filter(s -> !s.isEmpty());
        Arbitrary<URI> jwks = Arbitraries.of("https://idp.example/jwks", "http://127.0.0.1:8080/a?b=c#d",
                "https://[::1]/k", "https://idp.example/%C3%A9/jwks").map(URI::create);
        Arbitrary<TrustedIssuer> issuer = Combinators.combine(nonBlank, jwks, algorithms, nonBlank,
                Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((iss, uri, algs, aud, typed, context) -> TrustedIssuer.builder(iss, aud, uri).algorithms(algs)
                        .typedAccessTokens(typed).trustAuthenticationContext(context).build());
        Arbitrary<List<TrustedIssuer>> issuers = issuer.list().ofMaxSize(4).uniqueElements(TrustedIssuer::issuer);
        Arbitrary<Set<String>> strings = text.set().ofMaxSize(5);
        Arbitrary<Set<OrgId>> orgs = Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(64)
                .map(OrgId::of).set().ofMaxSize(4);
        Arbitrary<Duration> lifetime = Combinators.combine(Arbitraries.longs().between(0, 10_000_000_000L),
                Arbitraries.longs().between(0, 999_999_999)).as(Duration::ofSeconds).filter(d -> !d.isZero());
        Arbitrary<ExchangePolicy.Builder> base = Combinators.combine(strings, issuers, orgs, strings)
                .as((clients, trusted, trustedOrgs, audiences) -> ExchangePolicy.builder(ACME)
                        .allowedClients(clients.toArray(String[]::new))
                        .trustedIssuers(trusted.toArray(TrustedIssuer[]::new))
                        .trustedOrgs(trustedOrgs.toArray(OrgId[]::new))
                        .reachableAudiences(audiences.toArray(String[]::new)));
        return Combinators.combine(base, Arbitraries.integers().between(0, 16), Arbitraries.integers().between(1, 64),
                lifetime, Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((b, depth, exchanges, max, impersonation, userSubject, withDefault) -> {
                    b.maxDelegationDepth(depth).maxExchanges(exchanges).maxLifetime(max)
                            .allowImpersonation(impersonation).requireUserSubject(userSubject);
                    ExchangePolicy p = b.build();
                    if (withDefault && !p.reachableAudiences().isEmpty()) {
                        List<String> reachable = new ArrayList<>(p.reachableAudiences());
                        b.defaultAudience(reachable.get(0));
                    }
                    return b.build();
                });
    }
}
