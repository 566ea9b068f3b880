package io.partnerid.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTests {

    @Test
    void ofWhenMixedCaseWithTrailingDotAndSpacesThenCanonical() {
        assertThat(DomainName.of("  Acme.EXAMPLE.com. ").value()).isEqualTo("acme.example.com");
    }

    @Test
    void ofWhenInternationalizedThenPunycodeAndBackToUnicode() {
        DomainName name = DomainName.of("München.DE");
        assertThat(name.value()).isEqualTo("xn--mnchen-3ya.de");
        assertThat(name.unicode()).isEqualTo("münchen.de");
        assertThat(DomainName.of("xn--mnchen-3ya.de")).isEqualTo(name);
    }

    @Test
    void ofWhenEmailAddressThenItsDomain() {
        assertThat(DomainName.ofEmailAddress("Alice.Smith@Partner.Example").value()).isEqualTo("partner.example");
        assertThat(DomainName.ofEmailAddress("\"odd@local\"@b.example").value()).isEqualTo("b.example");
        assertCode(() -> DomainName.ofEmailAddress("no-at-sign"));
        assertCode(() -> DomainName.ofEmailAddress("trailing@"));
        assertCode(() -> DomainName.ofEmailAddress("@leading.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "com", "localhost", "a..b", "-a.example", "a-.example", "a_b.example",
            "exa mple.com", "192.168.0.1", "acme.example/path", "user@acme.example", "*.acme.example",
            "acme.example..", "acme.example:443"})
    void ofWhenNotAValidDomainThenInvalidName(String input) {
        assertCode(() -> DomainName.of(input));
    }

    @Test
    void ofWhenLabelOrNameTooLongThenInvalidName() {
        assertThat(DomainName.of("a".repeat(63) + ".example").value()).hasSize(71);
        assertCode(() -> DomainName.of("a".repeat(64) + ".example"));
        String label = "a".repeat(61) + ".";          // 62 characters per label
        String name253 = label.repeat(4) + "abcde";   // 248 + 5 = 253
        assertThat(DomainName.of(name253).value()).hasSize(253);
        assertCode(() -> DomainName.of(label.repeat(4) + "abcdef"));
    }

    @Test
    void constructorWhenNotCanonicalThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DomainName("Acme.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> new DomainName("acme.example."));
        assertThat(new DomainName("acme.example").value()).isEqualTo("acme.example");
    }

    @Property
    void ofIsIdempotentOnItsOwnOutput(@ForAll("domains") String input) {
        DomainName once = DomainName.of(input);
        assertThat(DomainName.of(once.value())).isEqualTo(once);
        assertThat(DomainName.of(once.value().toUpperCase(java.util.Locale.ROOT))).isEqualTo(once);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> domains() {
        net.jqwik.api.Arbitrary<String> label = net.jqwik.api.Arbitraries.strings().withCharRange('a', 'z')
                .withChars('0', '7', 'ü', 'é').ofMinLength(1).ofMaxLength(20);
        return label.list().ofMinSize(2).ofMaxSize(5).map(l -> String.join(".", l))
                .filter(s -> !s.substring(s.lastIndexOf('.') + 1).chars().allMatch(Character::isDigit));
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(DomainErrors.INVALID_NAME));
    }
}
