package io.partnerid.authz;

import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.core.org.OrgId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Shared fixtures for the authorization tests. */
public final class AuthzFixtures {

    private AuthzFixtures() {
    }

    public static String resource(String path) {
        try (InputStream in = AuthzFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicyDocument supplyChain() {
        return PolicyDocuments.fromYaml(resource("/policies/supply-chain.yaml"));
    }

    public static Subject user(String id, String org, RoleAssignment... roles) {
        return Subject.of(id, OrgId.of(org), List.of(roles));
    }

    public static AuthorizationRequest request(Subject s, String action, String type, String org) {
        return AuthorizationRequest.of(s, action, Resource.of(type, "r1", OrgId.of(org)));
    }

    public static AuthorizationRequest request(Subject s, String action, String type, String org,
                                               Map<String, Object> attributes) {
        return AuthorizationRequest.of(s, action, new Resource(type, "r1", OrgId.of(org), attributes));
    }
}
