package io.partnerid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.UserId;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IdFormatTests {

    /** The rule as the documentation states it; the loop must agree with it on every string. */
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Property(tries = 3_000)
    void isValidWhenAnyStringThenAgreesWithTheDocumentedRule(@ForAll("candidates") String value) {
        assertThat(IdFormat.isValid(value)).isEqualTo(RULE.matcher(value).matches());
    }

    /** Mostly near-valid strings (allowed characters, lengths around the limit), some anything-goes. */
    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> near = Arbitraries.strings().withChars("azAZ09_-").withCharRange('a', 'z')
                .withChars(".:@/ é٣\u0000\uD83D").ofMinLength(0).ofMaxLength(70);
        Arbitrary<String> allowed = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z')
                .withCharRange('0', '9').withChars("_-").ofMinLength(60).ofMaxLength(68);
        return Arbitraries.oneOf(near, allowed, Arbitraries.strings());
    }

    @Test
    void isValidWhenBoundariesThenOnlyOneToSixtyFourAllowedCharacters() {
        assertThat(IdFormat.isValid("a")).isTrue();
        assertThat(IdFormat.isValid("A-z_09")).isTrue();
        assertThat(IdFormat.isValid("x".repeat(64))).isTrue();
        assertThat(IdFormat.isValid("x".repeat(65))).isFalse();
        assertThat(IdFormat.isValid("")).isFalse();
        assertThat(IdFormat.isValid(null)).isFalse();
        assertThat(IdFormat.isValid("a b")).isFalse();
        assertThat(IdFormat.isValid("a.b")).isFalse();
        assertThat(IdFormat.isValid("é")).isFalse();
        assertThat(IdFormat.isValid("٣")).isFalse(); // a digit to Character.isDigit, not to the rule
        assertThat(IdFormat.isValid("a/../b")).isFalse();
    }

    @Test
    void checkWhenInvalidThenMessageNamesTheRuleNotTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> IdFormat.check("secret value", "UserId"))
                .withMessage("UserId must match [A-Za-z0-9_-]{1,64}");
        assertThatNullPointerException().isThrownBy(() -> IdFormat.check(null, "UserId"));
        assertThat(IdFormat.check("ok", "UserId")).isEqualTo("ok");
    }

    @Test
    void identifiersWhenInvalidThenRejectedThroughTheSharedRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> OrgId.of("acme corp"))
                .withMessage("organization id must match [A-Za-z0-9_-]{1,64}");
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of("x".repeat(65)));
        assertThat(OrgId.of("acme-eu_1").value()).isEqualTo("acme-eu_1");
    }
}
