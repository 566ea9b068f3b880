package io.partnerid.authz.engine;

import io.partnerid.authz.policy.PolicyDocument;

/** Lets tests of other packages reuse the random scenario generator. */
public final class PolicyEngineTestAccess {

    private PolicyEngineTestAccess() {
    }

    public static PolicyDocument randomDocument(long seed) {
        return PolicyEngineProperties.generate(seed).doc();
    }
}
