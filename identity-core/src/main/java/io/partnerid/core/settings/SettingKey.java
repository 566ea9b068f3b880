package io.partnerid.core.settings;

import io.partnerid.core.IdentityException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A typed setting: its name, how its value is stored, its default and its constraint.
 *
 * <p>Immutable and thread-safe. Keys are compared by name only, so each name must be defined once, as a constant;
 * the set of keys is open: modules add their own with {@link #of}. The SDK's own keys are the constants below.
 *
 * <pre>{@code
 * public static final SettingKey<Integer> MAX_SESSIONS =
 *         SettingKey.of("session.max_per_user", SettingCodec.INTEGER, 10, n -> n >= 1 && n <= 100, "1 to 100");
 * }</pre>
 *
 * @param <T> the value type
 */
public final class SettingKey<T> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final int MAX_NAME = 100;

    /** The login methods {@link #ALLOWED_LOGIN_METHODS} accepts. */
    public static final Set<String> LOGIN_METHODS = Set.of("password", "oidc", "saml", "passkey", "totp",
            "email_otp", "sms_otp", "magic_link");

    /** How long a session lives: 1 minute to 30 days, 8 hours by default. */
    public static final SettingKey<Duration> SESSION_LIFETIME = of("session.lifetime", SettingCodec.DURATION,
            Duration.ofHours(8),
            d -> d.compareTo(Duration.ofMinutes(1)) >= 0 && d.compareTo(Duration.ofDays(30)) <= 0,
            "a duration from 1 minute to 30 days");

    /** The login methods users of the organization may use: a non-empty subset of {@link #LOGIN_METHODS}. */
    public static final SettingKey<Set<String>> ALLOWED_LOGIN_METHODS = of("login.allowed_methods",
            SettingCodec.STRING_SET, Set.of("password", "oidc", "saml", "passkey"),
            m -> !m.isEmpty() && LOGIN_METHODS.containsAll(m),
            "a non-empty subset of " + String.join(", ", new java.util.TreeSet<>(LOGIN_METHODS)));

    /** Whether every login needs a second factor; false by default. */
    public static final SettingKey<Boolean> MFA_REQUIRED = of("mfa.required", SettingCodec.BOOLEAN, Boolean.FALSE);

    /** The risk score (0 to 100) from which a request must step up authentication; 50 by default. */
    public static final SettingKey<Integer> RISK_STEP_UP_THRESHOLD = of("risk.step_up_threshold",
            SettingCodec.INTEGER, 50, SettingKey::isPercent, "an integer from 0 to 100");

    /** The risk score (0 to 100) from which a request is denied; 80 by default. */
    public static final SettingKey<Integer> RISK_DENY_THRESHOLD = of("risk.deny_threshold", SettingCodec.INTEGER, 80,
            SettingKey::isPercent, "an integer from 0 to 100");

    private final String name;
    private final SettingCodec<T> codec;
    private final T defaultValue;
    private final Predicate<? super T> constraint;
    private final String constraintDescription;

    private SettingKey(String name, SettingCodec<T> codec, T defaultValue, Predicate<? super T> constraint,
                       String constraintDescription) {
        this.name = Objects.requireNonNull(name, "name");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.constraint = Objects.requireNonNull(constraint, "constraint");
        this.constraintDescription = Objects.requireNonNull(constraintDescription, "constraintDescription");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("setting names are dotted lower-case words, at most 100 characters");
        }
        if (!constraint.test(defaultValue)) {
            throw new IllegalArgumentException("the default of " + name + " violates its constraint");
        }
        if (!codec.decode(codec.encode(defaultValue)).equals(defaultValue)) {
            throw new IllegalArgumentException("the codec of " + name + " does not round-trip its default");
        }
    }

    /** A key without constraint beyond its type. */
    public static <T> SettingKey<T> of(String name, SettingCodec<T> codec, T defaultValue) {
        return new SettingKey<>(name, codec, defaultValue, v -> true, "any value of the type");
    }

    /**
     * A key whose values must satisfy {@code constraint}, described for error messages by
     * {@code constraintDescription} (for example "an integer from 0 to 100").
     */
    public static <T> SettingKey<T> of(String name, SettingCodec<T> codec, T defaultValue,
                                       Predicate<? super T> constraint, String constraintDescription) {
        return new SettingKey<>(name, codec, defaultValue, constraint, constraintDescription);
    }

    /** The keys the SDK itself defines. */
    public static List<SettingKey<?>> builtIns() {
        return List.of(SESSION_LIFETIME, ALLOWED_LOGIN_METHODS, MFA_REQUIRED, RISK_STEP_UP_THRESHOLD,
                RISK_DENY_THRESHOLD);
    }

    /** True when {@code name} is a valid setting name. */
    public static boolean isValidName(String name) {
        return name.length() <= MAX_NAME && NAME.matcher(name).matches();
    }

    public String name() {
        return name;
    }

    /** The value used when no organization on the path sets one. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The constraint in words. */
    public String constraintDescription() {
        return constraintDescription;
    }

    /**
     * Validates and encodes a value for storage.
     *
     * @throws IdentityException {@code settings.invalid_value} when it violates the constraint
     */
    public String encode(T value) {
        Objects.requireNonNull(value, "value");
        String text;
        try {
            if (!constraint.test(value)) {
                throw SettingsErrors.invalidValue(name, constraintDescription);
            }
            text = codec.encode(value);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw SettingsErrors.invalidValue(name, constraintDescription);
        }
        if (text.length() > SettingEntry.MAX_VALUE_LENGTH) {
            throw SettingsErrors.invalidValue(name, "at most " + SettingEntry.MAX_VALUE_LENGTH + " characters");
        }
        return text;
    }

    /**
     * Decodes and validates a stored value.
     *
     * @throws IllegalArgumentException when it does not decode or violates the constraint
     */
    public T decode(String text) {
        T value = codec.decode(Objects.requireNonNull(text, "text"));
        if (!constraint.test(value)) {
            throw new IllegalArgumentException("stored value violates the constraint of " + name);
        }
        return value;
    }

    private static boolean isPercent(Integer value) {
        return value >= 0 && value <= 100;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingKey<?> other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
