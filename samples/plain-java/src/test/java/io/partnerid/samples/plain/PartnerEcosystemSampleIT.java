package io.partnerid.samples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.audit.ChainVerification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the sample as the README does, so that it cannot rot. */
class PartnerEcosystemSampleIT {

    @Test
    void runWhenExecutedThenEcosystemBuiltEscalationsRefusedSuspensionReportedAndChainsIntact() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PartnerEcosystemSample.Result result = PartnerEcosystemSample.run(
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertThat(result.partners()).containsOnlyKeys("Meridian Capital Markets", "Pacific Rim Distribution",
                "Asclepius Health Group");
        assertThat(result.organizations()).isEqualTo(3 + 7 + 9 + 7 + 1);
        assertThat(result.refusals()).containsExactly("admin.escalation", "admin.escalation", "admin.not_permitted",
                "org.suspended");
        assertThat(result.suspension().suspendedOrganizations()).hasSize(1);
        assertThat(result.chains().values()).allMatch(c -> c instanceof ChainVerification.Intact);
        assertThat(((ChainVerification.Intact) result.chains().get("Meridian Capital Markets")).records())
                .isGreaterThan(10);
        assertThat(printed).contains("refused as expected").doesNotContain("UNEXPECTED").contains("intact");
    }
}
