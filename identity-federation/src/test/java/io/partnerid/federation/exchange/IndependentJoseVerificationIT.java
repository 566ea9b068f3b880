package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.partnerid.core.IdGenerator;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.InMemoryRevokedTokenStore;
import io.partnerid.core.token.InMemorySigningKeyRepository;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.testkit.OrganizationStatusCaches;
import io.partnerid.testkit.TestRuntimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tokens the SDK issues verify with an independent JOSE implementation: node's {@code jose} (panva), installed by
 * this test from {@code src/test/node/package.json} into {@code target/node-jose} (git-ignored), and driven through
 * {@code src/test/node/verify.mjs}. Needs {@code node} and {@code npm} on the PATH and the npm registry (first run).
 */
class IndependentJoseVerificationIT {

    private static final String ISSUER = "https://id.partnerid.example";
    private static final String API = "https://api.acme.example";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    @DisplayName("RFC 9068 tokens we sign with ES256, EdDSA, RS256 and PS256 verify with node jose; tampering fails there too")
    void issuedTokensWhenVerifiedByNodeJoseThenValidAndTamperedInvalid() throws Exception {
        Path dir = installJose();
        List<Map<String, Object>> cases = new ArrayList<>();
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            Issuer issuer = new Issuer(alg);
            String token = issuer.tokens.issue(AccessTokenRequest.builder(issuer.org, "alice", "portal").audience(API)
                    .scopes(Set.of("orders:read")).roles(Set.of("buyer")).acr("urn:acr:mfa").build()).value();
            cases.add(testCase(alg.name(), issuer, token));
            String[] p = token.split("\\.");
            String tampered = p[0] + "." + p[1] + "." + (p[2].startsWith("A") ? "B" : "A") + p[2].substring(1);
            cases.add(testCase(alg.name() + "-tampered", issuer, tampered));
        }
        Path input = dir.resolve("cases.json");
        Files.writeString(input, JSONObjectUtils.toJSONString(Map.of("c", cases)).replaceFirst("^\\{\"c\":", "")
                .replaceFirst("}$", ""), StandardCharsets.UTF_8);

        List<String> lines = run(dir, List.of("node", "verify.mjs", input.toString()), 120);

        assertThat(lines).contains("ES256 ok ES256 acme", "EDDSA ok EdDSA acme", "RS256 ok RS256 acme",
                "PS256 ok PS256 acme");
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            assertThat(lines).contains(alg.name() + "-tampered fail ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
        }
    }

    private static Map<String, Object> testCase(String name, Issuer issuer, String token) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("jwks", issuer.keys.jwks(KeySetId.of("default")));
        c.put("token", token);
        c.put("issuer", ISSUER);
        c.put("audience", API);
        c.put("algorithms", List.of("ES256", "EdDSA", "RS256", "PS256"));
        c.put("now", NOW.getEpochSecond() + 10);
        return c;
    }

    /** One issuer with its own keys of one algorithm. */
    private static final class Issuer {
        final SigningKeyService keys;
        final AccessTokenService tokens;
        final OrgId org;

        Issuer(SigningAlgorithm alg) {
            IdentityRuntime runtime = new IdentityRuntime(Clock.fixed(NOW, ZoneOffset.UTC), IdGenerator.sequential("o"),
                    TestRuntimes.seededRandom(alg.ordinal()));
            InMemoryOrganizationRepository orgs = new InMemoryOrganizationRepository();
            org = new OrganizationService(orgs, new IdentityRuntime(runtime.clock(), () -> "acme", runtime.random()))
                    .createRoot(new OrganizationService.NewOrganization("Acme")).id();
            keys = SigningKeyService.builder(new InMemorySigningKeyRepository(), PrivateKeyProtector.unprotected(),
                    runtime).build();
            keys.initialize(KeySetId.of("default"), alg);
            tokens = AccessTokenService.builder(ISSUER, keys, runtime)
                    .organizationStatus(OrganizationStatusCaches.readThrough(orgs, runtime))
                    .revocations(new InMemoryRevokedTokenStore())
                    .audit(AuditPublisher.discarding())
                    .build();
        }
    }

    /** Copies package.json and verify.mjs to target/node-jose and runs npm install there once. */
    static Path installJose() throws IOException, InterruptedException {
        Path source = Path.of("src", "test", "node");
        Path dir = Path.of("target", "node-jose").toAbsolutePath();
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "verify.mjs")) {
            Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("jose"))) {
            run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        }
        return dir;
    }

    static List<String> run(Path dir, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + text);
        }
        return text.lines().toList();
    }
}
