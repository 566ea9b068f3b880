package io.partnerid.authz.entitlement;

import io.github.bucket4j.BucketConfiguration;

/** Bucket4j configurations for quota limits; stateless, thread-safe. */
final class Buckets {

    private Buckets() {
    }

    static BucketConfiguration configuration(QuotaLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(b -> b.capacity(limit.capacity()).refillIntervally(limit.capacity(), limit.period())
                        .initialTokens(limit.capacity()))
                .build();
    }
}
