package io.partnerid.core.domain;

import java.util.List;

/**
 * Looks up DNS TXT records; the {@link DomainVerificationService} calls it when an organization asks to verify a
 * domain claim.
 *
 * <p>Implementations must be thread-safe and should bound the time a lookup may take (the call runs on an
 * administration request). The SDK ships {@link JndiDnsTxtResolver} (the JDK's DNS client) and
 * {@link InMemoryDnsTxtResolver} (a fake for tests); hosts may plug in a DNS-over-HTTPS client or a validating
 * (DNSSEC) resolver.
 */
@FunctionalInterface
public interface DnsTxtResolver {

    /**
     * The TXT records at {@code name}, one string per record; a record made of several character-strings (values
     * longer than 255 bytes are split that way) is returned as their concatenation.
     *
     * @param name a fully qualified name such as {@code _partnerid-challenge.example.com}
     * @return the records; empty when the name does not exist (NXDOMAIN) or has no TXT record
     * @throws io.partnerid.core.IdentityException {@code domain.dns_unavailable} when the lookup itself failed
     *     (timeout, server failure, refusal): absence could not be established
     */
    List<String> txtRecords(String name);
}
