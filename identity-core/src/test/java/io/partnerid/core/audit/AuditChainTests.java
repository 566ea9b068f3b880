package io.partnerid.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit chain's canonical encoding, pinned by golden vectors: changing it (the length prefix, a field left out,
 * the field order, the text encoding) breaks every chain already stored, so it must fail here first.
 *
 * <p>The expected hashes were computed once outside the SDK (a Python script building the canonical bytes from the
 * written rule in {@link AuditChain}'s javadoc) and checked with {@code sha256sum} over byte strings built by hand
 * with {@code printf} (vectors 1 to 3); {@link #independentHash} re-derives them here by a second, deliberately
 * plain implementation.
 */
class AuditChainTests {

    private static final String GENESIS = AuditLog.GENESIS_HASH;

    /** Vector 1: an organization, two details, whole seconds. */
    static final AuditEntry V1 = new AuditEntry("admin.operation", Instant.parse("2026-01-01T00:00:00Z"),
            OrgId.of("acme"), Optional.of(OrgId.of("acme-emea")), "user:admin-1",
            details("operation", "user.create", "target", "u-42"));
    /** Vector 2: no organization, milliseconds, non-ASCII text incl. a supplementary character (2 UTF-16 units). */
    static final AuditEntry V2 = new AuditEntry("token.issued", Instant.parse("2026-03-04T05:06:07.123Z"),
            OrgId.of("acme"), Optional.empty(), "service:portal",
            details("subject", "Zo\u00eb \u00c6r\u00f8 \u6771\u4eac \uD83D\uDE00", "audience",
                    "https://api.example.com"));
    /** Vector 3: the epoch, another tenant, no details. */
    static final AuditEntry V3 = new AuditEntry("org.suspension", Instant.EPOCH, OrgId.of("globex"),
            Optional.empty(), "system:bootstrap", new TreeMap<>());
    /** Vector 4: separators and digits inside values, an empty key and value, org equal to the tenant. */
    static final AuditEntry V4 = new AuditEntry("privilege.change", Instant.parse("2026-12-31T23:59:59.999Z"),
            OrgId.of("acme"), Optional.of(OrgId.of("acme")), "user:a;1:b",
            details("reason", "3:a;b", "k;v", "x", "", ""));

    static final String H1 = "046827f4e98c5a68c439404e3e93bffcd771cee77d897c8fa0d854c7b6fb2031";
    static final String H2 = "4814e412d77f9481457ada5803d0a7b7d090b3f8e0dbc1087ea35e02cb2c7a7a";
    static final String H3 = "9044117e48a06d50a6cb30fd6aad7890deb9c546c4a06415fedbc10afe2f683e";
    static final String H4 = "5de614ff8b15b2ab721e120c0204f0a760c48f439f524678781586dd5bee95b1";

    private static TreeMap<String, String> details(String... keyValues) {
        TreeMap<String, String> out = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /** The same entry with one field changed. */
    private static AuditEntry with(AuditEntry e, UnaryOperator<Builder> change) {
        return change.apply(new Builder(e)).build();
    }

    /** Copies an entry field by field, for one-field variations. */
    private static final class Builder {
        String type;
        Instant occurredAt;
        OrgId tenant;
        Optional<OrgId> org;
        String actor;
        TreeMap<String, String> details;

        Builder(AuditEntry e) {
            type = e.type();
            occurredAt = e.occurredAt();
            tenant = e.tenant();
            org = e.org();
            actor = e.actor();
            details = new TreeMap<>(e.details());
        }

        Builder type(String value) {
            type = value;
            return this;
        }

        Builder occurredAt(Instant value) {
            occurredAt = value;
            return this;
        }

        Builder tenant(String value) {
            tenant = OrgId.of(value);
            return this;
        }

        Builder org(Optional<OrgId> value) {
            org = value;
            return this;
        }

        Builder actor(String value) {
            actor = value;
            return this;
        }

        Builder details(TreeMap<String, String> value) {
            details = value;
            return this;
        }

        AuditEntry build() {
            return new AuditEntry(type, occurredAt, tenant, org, actor, details);
        }
    }

    /**
     * A second implementation of the canonical hash, written straight from the rule in {@link AuditChain}'s javadoc:
     * each field as its UTF-16 length, a colon, its UTF-8 bytes and a semicolon.
     */
    private static String independentHash(String previousHash, long sequence, AuditEntry e) {
        List<String> fields = new java.util.ArrayList<>(List.of(Long.toString(sequence), e.type(),
                Long.toString(e.occurredAt().toEpochMilli()), e.tenant().value(),
                e.org().map(OrgId::value).orElse(""), e.actor(), Integer.toString(e.details().size())));
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            fields.add(d.getKey());
            fields.add(d.getValue());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(previousHash.getBytes(StandardCharsets.US_ASCII));
        for (String field : fields) {
            bytes.writeBytes((field.length() + ":").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(field.getBytes(StandardCharsets.UTF_8)); // the vectors hold no unpaired surrogate
            bytes.writeBytes(";".getBytes(StandardCharsets.US_ASCII));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    @DisplayName("Golden vectors: a chain of four fixed entries hashes to the literal values")
    void hashWhenGoldenVectorsThenLiteralHashes() {
        assertThat(AuditChain.hash(GENESIS, 1, V1)).isEqualTo(H1);
        assertThat(AuditChain.hash(H1, 2, V2)).isEqualTo(H2);
        assertThat(AuditChain.hash(H2, 3, V3)).isEqualTo(H3);
        assertThat(AuditChain.hash(H3, 4, V4)).isEqualTo(H4);
    }

    @Test
    @DisplayName("Golden vectors: the canonical text of vectors 1, 2 and 4, literally")
    void canonicalWhenGoldenVectorsThenLiteralText() {
        assertThat(new String(AuditChain.canonical(1, V1), StandardCharsets.UTF_8)).isEqualTo(
                "1:1;15:admin.operation;13:1767225600000;4:acme;9:acme-emea;12:user:admin-1;1:2;"
                        + "9:operation;11:user.create;6:target;4:u-42;");
        assertThat(AuditChain.canonical(2, V2)).isEqualTo(("1:2;12:token.issued;13:1772600767123;4:acme;0:;"
                + "14:service:portal;1:2;8:audience;23:https://api.example.com;"
                + "7:subject;13:Zo\u00eb \u00c6r\u00f8 \u6771\u4eac \uD83D\uDE00;").getBytes(StandardCharsets.UTF_8));
        assertThat(new String(AuditChain.canonical(4, V4), StandardCharsets.UTF_8)).isEqualTo(
                "1:4;16:privilege.change;13:1798761599999;4:acme;4:acme;10:user:a;1:b;1:3;0:;0:;3:k;v;1:x;"
                        + "6:reason;5:3:a;b;");
    }

    @Test
    void hashWhenRecomputedIndependentlyThenSame() {
        assertThat(independentHash(GENESIS, 1, V1)).isEqualTo(H1);
        assertThat(independentHash(H1, 2, V2)).isEqualTo(H2);
        assertThat(independentHash(H2, 3, V3)).isEqualTo(H3);
        assertThat(independentHash(H3, 4, V4)).isEqualTo(H4);
    }

    @Test
    @DisplayName("Chain records written by a log carry the golden hashes")
    void appendWhenGoldenVectorsThenStoredHashesAreTheGoldenOnes() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        assertThat(log.append(V1).hash()).isEqualTo(H1);
        assertThat(log.append(V2).hash()).isEqualTo(H2);
    }

    /** Hashes {@code variant} and {@link #V1} with the code under test; they must differ. */
    private static void assertHashDiffersFromV1(AuditEntry variant) {
        assertThat(AuditChain.hash(GENESIS, 1, variant)).isNotEqualTo(AuditChain.hash(GENESIS, 1, V1));
    }

    @Test
    void hashWhenOnlyActorChangesThenDifferent() {
        assertHashDiffersFromV1(with(V1, b -> b.actor("user:admin-2")));
    }

    @Test
    void hashWhenOnlyTypeChangesThenDifferent() {
        assertHashDiffersFromV1(with(V1, b -> b.type("admin.operatioN")));
    }

    @Test
    void hashWhenOnlyOrgChangesThenDifferent() {
        assertHashDiffersFromV1(with(V1, b -> b.org(Optional.of(OrgId.of("acme-apac")))));
        assertHashDiffersFromV1(with(V1, b -> b.org(Optional.empty())));
    }

    @Test
    void hashWhenOnlyTenantOrTimeChangesThenDifferent() {
        assertHashDiffersFromV1(with(V1, b -> b.tenant("acmf")));
        assertHashDiffersFromV1(with(V1, b -> b.occurredAt(V1.occurredAt().plusMillis(1))));
    }

    @Test
    void hashWhenOnlySequenceOrPreviousHashChangesThenDifferent() {
        assertThat(AuditChain.hash(GENESIS, 2, V1)).isNotEqualTo(AuditChain.hash(GENESIS, 1, V1));
        assertThat(AuditChain.hash("1" + GENESIS.substring(1), 1, V1)).isNotEqualTo(AuditChain.hash(GENESIS, 1, V1));
    }

    @Test
    void hashWhenOnlyADetailChangesThenDifferent() {
        assertHashDiffersFromV1(with(V1, b -> b.details(details("operation", "user.delete", "target", "u-42"))));
        assertHashDiffersFromV1(with(V1, b -> b.details(details("operation", "user.create"))));
    }

    @Test
    @DisplayName("Length prefix: moving the boundary between two fields changes the hash, even across separators")
    void hashWhenBoundaryBetweenFieldsShiftsThenDifferent() {
        AuditEntry abC = with(V3, b -> b.details(details("ab", "c")));
        AuditEntry aBc = with(V3, b -> b.details(details("a", "bc")));
        assertThat(AuditChain.hash(GENESIS, 1, abC)).isNotEqualTo(AuditChain.hash(GENESIS, 1, aBc));
        // without the length prefix both would read "k;v;x;": the separator alone does not delimit fields
        AuditEntry keyHoldsSeparator = with(V3, b -> b.details(details("k;v", "x")));
        AuditEntry valueHoldsSeparator = with(V3, b -> b.details(details("k", "v;x")));
        assertThat(AuditChain.hash(GENESIS, 1, keyHoldsSeparator))
                .isNotEqualTo(AuditChain.hash(GENESIS, 1, valueHoldsSeparator));
    }

    @Test
    @DisplayName("R8: two entries differing only by an unpaired surrogate versus '?': the first is refused")
    void auditEntryWhenUnpairedSurrogateWhereOtherHasQuestionMarkThenRefused() {
        AuditEntry questionMark = with(V1, b -> b.details(details("target", "u-?42")));
        assertThat(AuditChain.hash(GENESIS, 1, questionMark)).hasSize(64);

        assertThatThrownBy(() -> {
            AuditEntry surrogate = with(V1, b -> b.details(details("target", "u-\uD800" + "42")));
            AuditChain.hash(GENESIS, 1, surrogate);
        }).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(AuditErrors.INVALID_TEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "actor", "detail key", "detail value"})
    void auditEntryWhenFieldHoldsUnpairedSurrogateThenInvalidText(String field) {
        for (String bad : List.of("\uD800", "a\uDC00", "x\uD83D", "\uDE00\uD83D")) {
            assertThatThrownBy(() -> with(V1, b -> switch (field) {
                case "type" -> b.type(bad);
                case "actor" -> b.actor(bad);
                case "detail key" -> b.details(details(bad, "v"));
                default -> b.details(details("k", bad));
            })).as(field).isInstanceOfSatisfying(IdentityException.class, e -> {
                assertThat(e.code()).isEqualTo(AuditErrors.INVALID_TEXT);
                assertThat(e.getMessage()).doesNotContain(bad);
            });
        }
    }

    @Test
    void auditEntryWhenSurrogatePairThenAccepted() {
        assertThat(with(V1, b -> b.actor("user:\uD83D\uDE00")).actor()).hasSize(7);
    }

    @Test
    @DisplayName("R8: the canonical bytes are encoded strictly: an unpaired surrogate is refused, never turned into '?'")
    void utf8WhenUnpairedSurrogateThenInvalidTextNotQuestionMark() {
        assertThat(AuditChain.utf8("u-?42")).isEqualTo("u-?42".getBytes(StandardCharsets.UTF_8));
        assertThat(AuditChain.utf8("\uD83D\uDE00")).containsExactly((byte) 0xF0, (byte) 0x9F, (byte) 0x98,
                (byte) 0x80);
        for (String bad : List.of("u-\uD80042", "\uDC00", "end\uD800")) {
            assertThatThrownBy(() -> AuditChain.utf8(bad)).isInstanceOfSatisfying(IdentityException.class,
                    e -> assertThat(e.code()).isEqualTo(AuditErrors.INVALID_TEXT));
        }
    }
}
