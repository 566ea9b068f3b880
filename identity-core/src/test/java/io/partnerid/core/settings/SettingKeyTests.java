package io.partnerid.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import java.time.Duration;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SettingKeyTests {

    @Test
    void builtInsThenNamesDefaultsAndConstraints() {
        assertThat(SettingKey.builtIns()).extracting(SettingKey::name).containsExactly("session.lifetime",
                "login.allowed_methods", "mfa.required", "risk.step_up_threshold", "risk.deny_threshold");
        assertThat(SettingKey.SESSION_LIFETIME.defaultValue()).isEqualTo(Duration.ofHours(8));
        assertThat(SettingKey.MFA_REQUIRED.defaultValue()).isFalse();
        assertThat(SettingKey.RISK_STEP_UP_THRESHOLD.defaultValue())
                .isLessThan(SettingKey.RISK_DENY_THRESHOLD.defaultValue());
        assertThat(SettingKey.LOGIN_METHODS).containsAll(SettingKey.ALLOWED_LOGIN_METHODS.defaultValue());
    }

    @Test
    void ofWhenDefaultViolatesConstraintOrNameMalformedThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.of("a.b", SettingCodec.INTEGER, 5,
                n -> n > 10, "more than 10"));
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.of("Session", SettingCodec.BOOLEAN, true));
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.of("a..b", SettingCodec.BOOLEAN, true));
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.of("a b", SettingCodec.BOOLEAN, true));
    }

    @Test
    void equalsWhenSameNameThenEqual() {
        assertThat(SettingKey.of("mfa.required", SettingCodec.BOOLEAN, true)).isEqualTo(SettingKey.MFA_REQUIRED);
    }

    @Test
    void decodeWhenStoredTextInvalidThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.MFA_REQUIRED.decode("yes"));
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.SESSION_LIFETIME.decode("8 hours"));
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.RISK_DENY_THRESHOLD.decode("150"));
        assertThatIllegalArgumentException().isThrownBy(() -> SettingKey.ALLOWED_LOGIN_METHODS.decode("oidc,,saml"));
    }

    @Test
    void encodeWhenSetElementHasCommaThenInvalidValue() {
        SettingKey<Set<String>> tags = SettingKey.of("custom.tags", SettingCodec.STRING_SET, Set.of());
        assertThatThrownBy(() -> tags.encode(Set.of("a,b"))).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(SettingsErrors.INVALID_VALUE));
    }

    @Property
    void durationRoundTrips(@ForAll @LongRange(min = 60, max = 2_592_000) long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        assertThat(SettingKey.SESSION_LIFETIME.decode(SettingKey.SESSION_LIFETIME.encode(d))).isEqualTo(d);
    }

    @Property
    void percentRoundTrips(@ForAll @IntRange(min = 0, max = 100) int value) {
        assertThat(SettingKey.RISK_DENY_THRESHOLD.decode(SettingKey.RISK_DENY_THRESHOLD.encode(value)))
                .isEqualTo(value);
    }

    @Property
    void stringSetRoundTrips(@ForAll @Size(max = 6) Set<@AlphaChars @StringLength(min = 1, max = 8) String> set) {
        assertThat(SettingCodec.STRING_SET.decode(SettingCodec.STRING_SET.encode(set))).isEqualTo(set);
    }
}
