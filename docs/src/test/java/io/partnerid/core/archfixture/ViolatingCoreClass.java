package io.partnerid.core.archfixture;

import io.partnerid.authz.internal.InternalHelper;
import java.security.SecureRandom;
import java.time.Instant;

/** A deliberate violation of every architecture rule, to prove ArchitectureTests can fail. Never used. */
final class ViolatingCoreClass {

    private final ThreadLocal<String> tenant = new ThreadLocal<>();

    long violate() {
        Instant now = Instant.now();
        long millis = System.currentTimeMillis();
        SecureRandom random = new SecureRandom();
        tenant.set("t");
        return now.toEpochMilli() + millis + random.nextInt() + InternalHelper.answer();
    }
}
