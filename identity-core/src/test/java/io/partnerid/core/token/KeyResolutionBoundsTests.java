package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.OrganizationStatusCaches;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R3: with a key set per organization, the key look-up runs on the token's unverified {@code org_id}. Keys are looked
 * up only for existing, active organizations, and the key cache is bounded, so forged tokens cannot grow memory or
 * cost key-repository reads.
 */
class KeyResolutionBoundsTests {

    private static final int CACHE_BOUND = 16;

    private final TokenFixture f = new TokenFixture();
    private final CountingKeyRepository counting = new CountingKeyRepository(f.keyRepository);
    /** A verifying node of its own (fresh cache) over the shared key repository, counting its reads. */
    private final SigningKeyService verifierKeys = SigningKeyService.builder(counting,
            PrivateKeyProtector.unprotected(), f.runtime).maxCachedKeySets(CACHE_BOUND).build();
    private final AccessTokenService verifier = perOrganization(verifierKeys);
    private final AccessTokenService issuer = perOrganization(f.keys);

    private AccessTokenService perOrganization(SigningKeyService keys) {
        return AccessTokenService.builder(TokenFixture.ISSUER, keys, f.runtime)
                .organizationStatus(OrganizationStatusCaches.readThrough(f.orgRepository, f.runtime))
                .revocations(f.revocations)
                .keySetPerOrganization(KeySetId::ofOrg)
                .audit(AuditPublisher.discarding())
                .build();
    }

    /** Counts the reads of a key repository. */
    private static final class CountingKeyRepository implements SigningKeyRepository {
        private final SigningKeyRepository delegate;
        private final AtomicInteger reads = new AtomicInteger();

        CountingKeyRepository(SigningKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public void insert(SigningKey key) {
            delegate.insert(key);
        }

        @Override
        public SigningKey update(SigningKey key) {
            return delegate.update(key);
        }

        @Override
        public List<SigningKey> findByKeySet(KeySetId keySet) {
            reads.incrementAndGet();
            return delegate.findByKeySet(keySet);
        }

        @Override
        public Optional<SigningKey> findByKid(KeySetId keySet, String kid) {
            reads.incrementAndGet();
            return delegate.findByKid(keySet, kid);
        }

        @Override
        public int deleteRetiredBefore(KeySetId keySet, Instant retiredBefore) {
            return delegate.deleteRetiredBefore(keySet, retiredBefore);
        }
    }

    /** A token for {@code org} signed with Acme's CURRENT key under its kid. */
    private String forgedFor(String org) {
        SigningKeyService.ActiveKey key = f.keys.currentKey(KeySetId.ofOrg(f.acme.id()));
        return TokenFixture.sign(new JWSHeader.Builder(Jca.jws(key.algorithm())).type(new JOSEObjectType("at+jwt"))
                .keyID(key.kid()).build(), f.claims(c -> c.put("org_id", org)), key.signer());
    }

    @Test
    @DisplayName("R3: forged tokens naming N distinct unknown organizations cost no key read and leave no cache entry")
    void verifyWhenForgedTokensNameDistinctUnknownOrgsThenNoKeyReadsAndCacheBounded() {
        f.keys.initialize(KeySetId.ofOrg(f.acme.id()), SigningAlgorithm.ES256);
        IssuedToken real = issuer.issue(f.request().build());
        assertThat(verifier.verify(real.value(), TokenFixture.API).isVerified()).isTrue();
        assertThat(verifierKeys.cachedKeySets()).isEqualTo(1);
        counting.reads.set(0);

        Random random = new Random(42);
        int forged = 2_000;
        Set<TokenVerification> results = new HashSet<>();
        for (int i = 0; i < forged; i++) {
            String org = "org-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
            results.add(verifier.verify(forgedFor(org), TokenFixture.API));
        }

        assertThat(counting.reads).as("key-repository reads for unknown organizations").hasValue(0);
        assertThat(verifierKeys.cachedKeySets()).as("cached key sets").isEqualTo(1);
        assertThat(results).containsExactly(new TokenVerification.Rejected(RejectionReason.ORG_NOT_ACTIVE));
        assertThat(verifier.verify(real.value(), TokenFixture.API).isVerified()).isTrue();
    }

    @Test
    @DisplayName("R3: a token of a suspended organization is refused before any key is looked up")
    void verifyWhenPerOrgKeysAndOrgSuspendedThenRejectedBeforeKeyLookup() {
        f.keys.initialize(KeySetId.ofOrg(f.acme.id()), SigningAlgorithm.ES256);
        IssuedToken token = issuer.issue(f.request().build());
        f.orgRepository.suspendSubtree(f.acme.path(), f.acme.id());

        assertThat(verifier.verify(token.value(), TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.ORG_NOT_ACTIVE));
        assertThat(counting.reads).hasValue(0);
        assertThat(verifierKeys.cachedKeySets()).isZero();

        f.orgRepository.resumeSubtree(f.acme.path(), f.acme.id());
        assertThat(verifier.verify(token.value(), TokenFixture.API).isVerified()).isTrue();
        assertThat(counting.reads).hasValue(1);
    }

    @Test
    @DisplayName("R3: the key cache holds at most its bound of key sets; an evicted set is read again when needed")
    void verificationKeysWhenMoreKeySetsThanBoundThenCacheBoundedAndEvictedSetReloaded() {
        OrgId first = f.org("Org 0");
        verifierKeys.verificationKeys(KeySetId.ofOrg(first), Optional.empty());
        for (int i = 1; i < 5 * CACHE_BOUND; i++) {
            KeySetId set = KeySetId.ofOrg(f.org("Org " + i));
            f.keys.initialize(set, SigningAlgorithm.ES256);
            assertThat(verifierKeys.verificationKeys(set, Optional.empty())).hasSize(2);
            assertThat(verifierKeys.cachedKeySets()).isLessThanOrEqualTo(CACHE_BOUND);
        }
        assertThat(verifierKeys.cachedKeySets()).isEqualTo(CACHE_BOUND);

        f.keys.initialize(KeySetId.ofOrg(first), SigningAlgorithm.ES256); // written by "another node"
        int before = counting.reads.get();
        assertThat(verifierKeys.verificationKeys(KeySetId.ofOrg(first), Optional.empty())).hasSize(2);
        assertThat(counting.reads.get()).isEqualTo(before + 1);
    }

    @Test
    void builderWhenMaxCachedKeySetsNotPositiveThenRefused() {
        SigningKeyService.Builder builder = SigningKeyService.builder(f.keyRepository,
                PrivateKeyProtector.unprotected(), f.runtime);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxCachedKeySets(0));
    }
}
