package io.partnerid.federation.exchange;

import static io.partnerid.core.jdbc.TextCodec.escape;
import static io.partnerid.core.jdbc.TextCodec.unescape;

import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.SigningAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The text form of an {@link ExchangePolicy} in {@link JdbcExchangePolicyRepository}'s {@code policy} column: a
 * versioned, length-prefixed encoding that round-trips every field exactly.
 *
 * <p>Stateless and thread-safe. Format {@value #FORMAT} is a sequence of exactly ten fields, each written as
 * {@code <length>:<text>} (length in UTF-16 code units, decimal, no sign or leading zero):
 * <ol>
 *   <li>allowed clients, a list</li>
 *   <li>trusted issuers, a list of issuer records in the policy's order; an issuer record is six fields: issuer,
 *       JWKS URI, algorithms (a list of JWS names), audience, typed access tokens ({@code true}/{@code false}),
 *       trust authentication context ({@code true}/{@code false})</li>
 *   <li>trusted organizations, a list</li>
 *   <li>reachable audiences, a list</li>
 *   <li>default audience, a list of zero or one element</li>
 *   <li>maximum delegation depth, decimal</li>
 *   <li>maximum exchanges, decimal</li>
 *   <li>maximum lifetime, ISO-8601 ({@link Duration#toString()}, exact to the nanosecond)</li>
 *   <li>allow impersonation, {@code true} or {@code false}</li>
 *   <li>require user subject, {@code true} or {@code false}</li>
 * </ol>
 * Format 1 (written by earlier releases) is the same with five-field issuer records, without the last one; it
 * still decodes, every issuer then not trusted for its authentication context (the default).
 * A list is its elements concatenated, each a field. Sets are written sorted (so equal policies encode equally);
 * the trusted issuers keep their order. Every free-text leaf is escaped first: a backslash becomes two, NUL a
 * backslash and {@code 0}, an unpaired surrogate a backslash, {@code u} and its four lowercase hex digits; so the
 * text is valid in PostgreSQL (no NUL) and in UTF-8, and any Java string round-trips. Decoding is strict: anything
 * {@link #encode} cannot have produced, or that {@link ExchangePolicy} refuses, is an
 * {@link IllegalArgumentException}.
 */
final class ExchangePolicyCodec {

    /** The format {@link #encode} writes. */
    static final int FORMAT = 2;
    /** The format of earlier releases: issuer records without the authentication-context trust. */
    static final int FORMAT_1 = 1;

    private static final int FIELDS = 10;
    private static final int ISSUER_FIELDS_1 = 5;
    private static final int ISSUER_FIELDS = 6;

    private ExchangePolicyCodec() {
    }

    /** Encodes {@code policy} (without its organization, which is the row's key) in format {@value #FORMAT}. */
    static String encode(ExchangePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        StringBuilder out = new StringBuilder(256);
        field(out, sortedList(policy.allowedClients()));
        StringBuilder issuers = new StringBuilder();
        for (TrustedIssuer issuer : policy.trustedIssuers()) {
            field(issuers, issuer(issuer));
        }
        field(out, issuers.toString());
        field(out, sortedList(policy.trustedOrgs().stream().map(OrgId::value).toList()));
        field(out, sortedList(policy.reachableAudiences()));
        field(out, list(policy.defaultAudience().stream().toList()));
        field(out, Integer.toString(policy.maxDelegationDepth()));
        field(out, Integer.toString(policy.maxExchanges()));
        field(out, policy.maxLifetime().toString());
        field(out, Boolean.toString(policy.allowImpersonation()));
        field(out, Boolean.toString(policy.requireUserSubject()));
        return out.toString();
    }

    private static String issuer(TrustedIssuer issuer) {
        StringBuilder out = new StringBuilder(128);
        field(out, escape(issuer.issuer()));
        field(out, escape(issuer.jwksUri().toString()));
        field(out, sortedList(issuer.algorithms().stream().map(SigningAlgorithm::jwsName).toList()));
        field(out, escape(issuer.audience()));
        field(out, Boolean.toString(issuer.typedAccessTokens()));
        field(out, Boolean.toString(issuer.trustAuthenticationContext()));
        return out.toString();
    }

    /**
     * Decodes the policy of {@code org} stored in {@code format}.
     *
     * @throws IllegalArgumentException for an unknown format or text that {@link #encode} cannot have produced
     */
    static ExchangePolicy decode(OrgId org, int format, String text) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(text, "text");
        if (format != FORMAT && format != FORMAT_1) {
            throw new IllegalArgumentException("unsupported exchange policy format " + format);
        }
        try {
            List<String> fields = fields(text, FIELDS);
            List<TrustedIssuer> issuers = new ArrayList<>();
            for (String record : fields(fields.get(1), -1)) {
                issuers.add(issuerRecord(record, format));
            }
            List<String> defaultAudience = elements(fields.get(4));
            if (defaultAudience.size() > 1) {
                throw new IllegalArgumentException("more than one default audience");
            }
            return new ExchangePolicy(org, distinct(elements(fields.get(0))), issuers,
                    distinct(elements(fields.get(2)).stream().map(OrgId::of).toList()),
                    distinct(elements(fields.get(3))), defaultAudience.stream().findFirst(),
                    integer(fields.get(5)), integer(fields.get(6)), duration(fields.get(7)),
                    bool(fields.get(8)), bool(fields.get(9)));
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed exchange policy", e);
        }
    }

    private static TrustedIssuer issuerRecord(String record, int format) {
        List<String> f = fields(record, format == FORMAT_1 ? ISSUER_FIELDS_1 : ISSUER_FIELDS);
        Set<SigningAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : fields(f.get(2), -1)) {
            SigningAlgorithm a = SigningAlgorithm.fromJwsName(name)
                    .orElseThrow(() -> new IllegalArgumentException("unknown algorithm"));
            if (!algorithms.add(a)) {
                throw new IllegalArgumentException("repeated algorithm");
            }
        }
        URI jwks;
        try {
            jwks = new URI(unescape(f.get(1)));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed jwks_uri", e);
        }
        boolean trustAuthenticationContext = format != FORMAT_1 && bool(f.get(5));
        return TrustedIssuer.builder(unescape(f.get(0)), unescape(f.get(3)), jwks).algorithms(algorithms)
                .typedAccessTokens(bool(f.get(4))).trustAuthenticationContext(trustAuthenticationContext).build();
    }

    // ---------------------------------------------------------------- fields

    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value);
    }

    private static String list(Collection<String> values) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            field(out, escape(v));
        }
        return out.toString();
    }

    private static String sortedList(Collection<String> values) {
        return list(values.stream().sorted(Comparator.naturalOrder()).toList());
    }

    /** The unescaped elements of a list field. */
    private static List<String> elements(String list) {
        return fields(list, -1).stream().map(TextCodec::unescape).toList();
    }

    private static <T> Set<T> distinct(List<T> values) {
        Set<T> set = new LinkedHashSet<>(values);
        if (set.size() != values.size()) {
            throw new IllegalArgumentException("repeated element in a set");
        }
        return set;
    }

    /** Splits {@code text} into its fields; exactly {@code expected} of them unless {@code expected} is -1. */
    private static List<String> fields(String text, int expected) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int colon = text.indexOf(':', i);
            if (colon <= i || colon - i > 10 || (colon - i > 1 && text.charAt(i) == '0')) {
                throw new IllegalArgumentException("malformed field length");
            }
            long length = 0;
            for (int d = i; d < colon; d++) {
                char c = text.charAt(d);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("malformed field length");
                }
                length = length * 10 + (c - '0');
            }
            if (length > text.length() - colon - 1) {
                throw new IllegalArgumentException("field longer than the text");
            }
            int end = colon + 1 + (int) length;
            fields.add(text.substring(colon + 1, end));
            i = end;
        }
        if (expected >= 0 && fields.size() != expected) {
            throw new IllegalArgumentException("expected " + expected + " fields, found " + fields.size());
        }
        return fields;
    }

    private static int integer(String text) {
        int value = Integer.parseInt(text);
        if (!Integer.toString(value).equals(text)) {
            throw new IllegalArgumentException("non-canonical integer");
        }
        return value;
    }

    private static Duration duration(String text) {
        Duration value = Duration.parse(text);
        if (!value.toString().equals(text)) {
            throw new IllegalArgumentException("non-canonical duration");
        }
        return value;
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("malformed boolean");
        };
    }
}
