package io.partnerid.core.domain;

import io.partnerid.core.IdentityException;
import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * A fully qualified DNS domain name in canonical ASCII form: lower case, internationalized labels converted to
 * punycode ({@code xn--…}) by {@link IDN#toASCII}, no trailing dot.
 *
 * <p>Immutable and thread-safe. Valid names have at least two labels (a bare top-level domain such as {@code com}
 * cannot be claimed), labels of 1 to 63 letters, digits and hyphens that neither start nor end with a hyphen, a
 * top-level label that is not all digits (no IP addresses), and at most 253 characters. Parse untrusted input with
 * {@link #of(String)}; the constructor accepts only the canonical form.
 *
 * @param value the canonical ASCII name, for example {@code example.com} or {@code xn--mnchen-3ya.de}
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1035#section-2.3.1">RFC 1035 §2.3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3490">RFC 3490 (IDNA)</a>
 */
public record DomainName(String value) implements Comparable<DomainName> {

    /** The longest domain name in text form. */
    public static final int MAX_LENGTH = 253;

    public DomainName {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid domain name: " + problem);
        }
    }

    /**
     * Parses a domain name typed by a person or taken from a request: trims it, drops one trailing dot, converts
     * internationalized labels to ASCII and lower-cases it.
     *
     * @throws IdentityException {@code domain.invalid_name} when it is not a valid domain name
     */
    public static DomainName of(String input) {
        Objects.requireNonNull(input, "input");
        String text = input.strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty() || text.length() > 4 * MAX_LENGTH) {
            throw DomainErrors.invalidName("empty or far too long");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(text.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw DomainErrors.invalidName("not convertible to ASCII");
        }
        String problem = problem(ascii);
        if (problem != null) {
            throw DomainErrors.invalidName(problem);
        }
        return new DomainName(ascii);
    }

    /**
     * The domain of an email address: the part after the last {@code @}.
     *
     * @throws IdentityException {@code domain.invalid_name} when there is no valid domain after an {@code @}
     */
    public static DomainName ofEmailAddress(String email) {
        Objects.requireNonNull(email, "email");
        int at = email.lastIndexOf('@');
        if (at < 1 || at == email.length() - 1) {
            throw DomainErrors.invalidName("not an email address");
        }
        return of(email.substring(at + 1));
    }

    /** The name for display, with punycode labels converted back to Unicode. */
    public String unicode() {
        return IDN.toUnicode(value, IDN.USE_STD3_ASCII_RULES);
    }

    /** Returns why {@code name} is not canonical, or null when it is. */
    private static String problem(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return "length must be 1 to " + MAX_LENGTH;
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return "a domain needs at least two labels";
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return "labels must have 1 to 63 characters";
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return "labels must not start or end with a hyphen";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return "labels may hold only lower-case letters, digits and hyphens";
                }
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return "the top-level label must not be numeric";
        }
        return null;
    }

    @Override
    public int compareTo(DomainName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
