package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdFormat;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** R1: the namespaced subject of a partner's principal can never be a native subject. */
class ForeignSubjectTests {

    @Property(tries = 2000)
    @Label("R1: a foreign subject is never a valid native id, is deterministic, and separates issuers")
    void ofWhenAnyIssuerAndSubjectThenNeverANativeIdDeterministicAndDistinctPerIssuer(
            @ForAll("texts") String issuer, @ForAll("texts") String otherIssuer, @ForAll("texts") String subject) {
        Assume.that(wellFormed(issuer) && wellFormed(otherIssuer) && wellFormed(subject));
        ForeignSubject foreign = ForeignSubject.of(issuer, subject);

        assertThat(IdFormat.isValid(foreign.value())).as("a native id").isFalse();
        assertThat(ForeignSubject.isForeign(foreign.value())).isTrue();
        assertThat(foreign.value().length()).isLessThanOrEqualTo(91);
        assertThat(ForeignSubject.of(issuer, subject).value()).isEqualTo(foreign.value());
        if (!otherIssuer.equals(issuer)) {
            assertThat(ForeignSubject.of(otherIssuer, subject).value()).isNotEqualTo(foreign.value());
        }
    }

    @Property(tries = 1000)
    void ofWhenSameIssuerAndDistinctSubjectsThenDistinctValues(@ForAll("texts") String a,
                                                               @ForAll("texts") String b) {
        Assume.that(wellFormed(a) && wellFormed(b) && !a.equals(b));
        assertThat(ForeignSubject.of("https://idp.example", a).value())
                .isNotEqualTo(ForeignSubject.of("https://idp.example", b).value());
    }

    @Property(tries = 500)
    void isForeignWhenNativeIdThenFalse(@ForAll("nativeIds") String id) {
        assertThat(ForeignSubject.isForeign(id)).isFalse();
    }

    @Test
    void ofWhenPlainSubjectThenKeptReadableAfterTheIssuerHash() {
        String value = ForeignSubject.of("https://idp.partner-a.example", "user-42").value();
        assertThat(value).matches("ext:[A-Za-z0-9_-]{22}:user-42");
        String hashed = ForeignSubject.of("https://idp.partner-a.example", "alice@partner-a.example").value();
        assertThat(hashed).matches("ext:[A-Za-z0-9_-]{22}:~[A-Za-z0-9_-]{43}");
        assertThat(hashed).startsWith(value.substring(0, 27));
    }

    @Test
    void ofWhenEmptyOrUnpairedSurrogateThenRefused() {
        assertThatThrownBy(() -> ForeignSubject.of("", "alice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForeignSubject.of("https://idp.example", ""))
                .isInstanceOf(IllegalArgumentException.class);
        // "a\uD800" and "a?" would share a UTF-8 encoding if the surrogate were replaced
        assertThatThrownBy(() -> ForeignSubject.of("https://idp.example", "a\uD800"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForeignSubject.of("https://idp\uDC00.example", "alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void principalIdWhenLegacyExchangedTokenThenNamespacedOtherwiseSub() {
        String iss = "https://idp.partner-a.example";
        assertThat(ForeignSubject.principalId(JwtClaims.of(Map.of("sub", "user-42")))).contains("user-42");
        assertThat(ForeignSubject.principalId(JwtClaims.of(Map.of("sub", "user-42", "sub_iss", iss))))
                .contains(ForeignSubject.of(iss, "user-42").value());
        String namespaced = ForeignSubject.of(iss, "user-42").value();
        assertThat(ForeignSubject.principalId(JwtClaims.of(Map.of("sub", namespaced, "sub_iss", iss))))
                .contains(namespaced);
        assertThat(ForeignSubject.principalId(JwtClaims.of(Map.of("sub", "user-42", "sub_iss", ""))))
                .isEmpty();
        assertThat(ForeignSubject.isForeign(JwtClaims.of(Map.of("sub", "user-42", "sub_iss", iss)))).isTrue();
        assertThat(ForeignSubject.isForeign(JwtClaims.of(Map.of("sub", "user-42")))).isFalse();
    }

    @Test
    void toStringWhenPrintedThenNoOriginalSubject() {
        assertThat(ForeignSubject.of("https://idp.example", "user-42").toString()).doesNotContain("user-42");
    }

    // ---------------------------------------------------------------- generators

    /** Any well-formed UTF-16 text (native ids, the prefix itself, surrogate pairs, long strings). */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
                        .ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().withChars("ab-_:~ext\u00e9").ofMinLength(1).ofMaxLength(70)
                        .map(s -> s + "\ud83d\ude00"),
                nativeIds(),
                nativeIds().map(id -> ForeignSubject.PREFIX + id));
    }

    @Provide
    Arbitrary<String> nativeIds() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('_', '-').ofMinLength(1).ofMaxLength(64);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
