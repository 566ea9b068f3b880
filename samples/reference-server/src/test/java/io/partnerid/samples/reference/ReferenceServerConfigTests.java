package io.partnerid.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceServerConfigTests {

    @Test
    void parseWhenNothingGivenThenLoopback8080AndEmbeddedH2UnderTarget() {
        ReferenceServerConfig c = ReferenceServerConfig.parse(List.of(), Map.of());
        assertThat(c).isEqualTo(ReferenceServerConfig.defaults());
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dbUrl()).startsWith("jdbc:h2:file:./target/reference-server/partnerid;MODE=PostgreSQL;")
                .contains("DATABASE_TO_LOWER=TRUE").contains("DB_CLOSE_ON_EXIT=FALSE");
        assertThat(c.isH2()).isTrue();
        assertThat(c.databaseDescription()).isEqualTo(
                Path.of("target/reference-server/partnerid.mv.db").toAbsolutePath().toString());
    }

    @Test
    void parseWhenEnvironmentAndOptionsThenOptionsWin() {
        Map<String, String> env = Map.of("PARTNERID_PORT", "9000", "PARTNERID_DB_URL", "jdbc:h2:mem:env",
                "PARTNERID_DB_USER", "envuser", "PARTNERID_DB_PASSWORD", "s3cret");
        ReferenceServerConfig fromEnv = ReferenceServerConfig.parse(List.of(), env);
        assertThat(fromEnv.port()).isEqualTo(9000);
        assertThat(fromEnv.dbUrl()).isEqualTo("jdbc:h2:mem:env");
        assertThat(fromEnv.dbUser()).hasValue("envuser");
        assertThat(fromEnv.dbPassword()).hasValue("s3cret");

        ReferenceServerConfig c = ReferenceServerConfig.parse(List.of("--port", "0", "--db=jdbc:h2:mem:arg",
                "--bind", "0.0.0.0"), env);
        assertThat(c.port()).isZero();
        assertThat(c.dbUrl()).isEqualTo("jdbc:h2:mem:arg");
        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void parseWhenBadInputThenRefusedWithUsage() {
        assertThatThrownBy(() -> ReferenceServerConfig.parse(List.of("--port", "70000"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ReferenceServerConfig.parse(List.of("--port", "http"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ReferenceServerConfig.parse(List.of("--port"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing value");
        assertThatThrownBy(() -> ReferenceServerConfig.parse(List.of("--verbose", "1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option")
                .hasMessageContaining("usage");
        assertThatThrownBy(() -> ReferenceServerConfig.parse(List.of("--db", "postgres://x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JDBC URL");
    }

    @Test
    void describeWhenUrlCarriesCredentialsThenNeitherPrintedNorInToString() {
        ReferenceServerConfig c = new ReferenceServerConfig("127.0.0.1", 8080,
                "jdbc:postgresql://app:pw-in-url@db.internal:5432/identity?password=pw-param", Optional.of("app"),
                Optional.of("pw-env"));
        assertThat(c.databaseDescription()).isEqualTo("jdbc:postgresql://db.internal:5432/identity");
        assertThat(c.isH2()).isFalse();
        assertThat(c.toString()).doesNotContain("pw-in-url").doesNotContain("pw-param").doesNotContain("pw-env");
    }
}
