package io.partnerid.core.domain;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * What an organization must publish to prove control of a domain: a TXT record named {@link #recordName()} holding
 * exactly {@link #recordValue()}, before {@link #expiresAt()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param orgId the claiming organization
 * @param domain the claimed domain
 * @param recordName the TXT record's name, {@code _partnerid-challenge.<domain>}
 * @param recordValue the TXT record's value, {@code partnerid-domain-verification=<random>}
 * @param expiresAt until when the challenge can verify the claim
 * @param alreadyVerified true when the claim was verified already (the challenge is the one that verified it)
 */
public record DomainChallenge(OrgId orgId, DomainName domain, String recordName, String recordValue,
                              Instant expiresAt, boolean alreadyVerified) {

    public DomainChallenge {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(recordName, "recordName");
        Objects.requireNonNull(recordValue, "recordValue");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
