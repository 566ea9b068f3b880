package io.partnerid.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JndiDnsTxtResolverTests {

    private LoopbackDnsServer server;
    private JndiDnsTxtResolver resolver;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
        resolver = JndiDnsTxtResolver.builder().servers(List.of(server.address()))
                .initialTimeout(Duration.ofMillis(200)).attempts(1).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void txtRecordsWhenRecordsPublishedThenEachRecordReturnedWithItsStringsJoined() {
        server.txt("_partnerid-challenge.acme.example", List.of(
                List.of("partnerid-domain-verification=abc_DEF-123"),
                List.of("v=spf1 include:_spf.example ~all"),
                List.of("part-one;", "part two", ""),
                List.of("quote\"and\\backslash")));

        assertThat(resolver.txtRecords("_partnerid-challenge.acme.example")).containsExactlyInAnyOrder(
                "partnerid-domain-verification=abc_DEF-123",
                "v=spf1 include:_spf.example ~all",
                "part-one;part two",
                "quote\"and\\backslash");
    }

    @Test
    void txtRecordsWhenNameDoesNotExistThenEmpty() {
        assertThat(resolver.txtRecords("_partnerid-challenge.nowhere.example")).isEmpty();
    }

    @Test
    void txtRecordsWhenNameHasNoTxtRecordThenEmpty() {
        server.txt("bare.example", List.of());
        assertThat(resolver.txtRecords("bare.example")).isEmpty();
    }

    @Test
    void txtRecordsWhenServerFailsThenDnsUnavailableNotEmpty() {
        server.serverFailure("broken.example");
        assertThatThrownBy(() -> resolver.txtRecords("broken.example"))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(DomainErrors.DNS_UNAVAILABLE));
    }

    @Test
    void txtRecordsWhenServerUnreachableThenDnsUnavailableWithinTheTimeout() throws Exception {
        int deadPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        JndiDnsTxtResolver unreachable = JndiDnsTxtResolver.builder()
                .servers(List.of(InetAddress.getLoopbackAddress().getHostAddress() + ":" + deadPort))
                .initialTimeout(Duration.ofMillis(100)).attempts(1).build();
        assertThatThrownBy(() -> unreachable.txtRecords("acme.example"))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(DomainErrors.DNS_UNAVAILABLE));
    }

    @Test
    void txtRecordsWhenNameIsNotADnsNameThenRefusedBeforeAnyLookup() {
        assertThatIllegalArgumentException().isThrownBy(() -> resolver.txtRecords("acme.example/../x"));
        assertThatIllegalArgumentException().isThrownBy(() -> resolver.txtRecords("ldap://evil"));
        assertThatIllegalArgumentException().isThrownBy(() -> resolver.txtRecords(""));
    }

    @Test
    void joinCharacterStringsWhenJdkRenderingThenOriginalValue() {
        assertThat(JndiDnsTxtResolver.joinCharacterStrings("simple")).isEqualTo("simple");
        assertThat(JndiDnsTxtResolver.joinCharacterStrings("\"with space\"")).isEqualTo("with space");
        assertThat(JndiDnsTxtResolver.joinCharacterStrings("a b \"c d\"")).isEqualTo("abc d");
        assertThat(JndiDnsTxtResolver.joinCharacterStrings("\"\"")).isEmpty();
        assertThat(JndiDnsTxtResolver.joinCharacterStrings("\"q\\\"x\\\\y\"")).isEqualTo("q\"x\\y");
    }

    @Test
    void joinCharacterStringsWhenMalformedThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> JndiDnsTxtResolver.joinCharacterStrings("\"open"));
        assertThatIllegalArgumentException().isThrownBy(() -> JndiDnsTxtResolver.joinCharacterStrings("a "));
        assertThatIllegalArgumentException().isThrownBy(() -> JndiDnsTxtResolver.joinCharacterStrings("\"a\"b"));
        assertThatIllegalArgumentException().isThrownBy(() -> JndiDnsTxtResolver.joinCharacterStrings("\"a\\"));
    }
}
