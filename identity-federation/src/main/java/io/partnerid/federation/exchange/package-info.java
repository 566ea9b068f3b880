/**
 * OAuth 2.0 Token Exchange (RFC 8693) with organization-aware policy: partner tokens in, scoped tokens of ours out,
 * with delegation ({@code act}) chains across organizations.
 *
 * <p>Entry point: {@link io.partnerid.federation.exchange.TokenExchangeService}, framework-agnostic: it takes the
 * form parameters and the client's credentials and returns an
 * {@link io.partnerid.federation.exchange.ExchangeOutcome} that a thin HTTP adapter renders. SPIs:
 * {@link io.partnerid.federation.exchange.ExchangePolicyRepository} (per-organization policy, incl. the partner
 * issuers trusted <em>for that organization</em>; in memory or
 * {@link io.partnerid.federation.exchange.JdbcExchangePolicyRepository}, whose table is applied by
 * {@code PartnerIdSchema.migrate(dataSource, "federation")}), {@link io.partnerid.federation.exchange.ExchangeClients}
 * (client authentication and allowances), {@link io.partnerid.federation.exchange.JwksFetcher} (partner JWKS,
 * fetched only from the configured {@code jwks_uri}) and
 * {@link io.partnerid.federation.exchange.AssertionValidator} (the seam for SAML 2.0 assertions as subject tokens).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693">RFC 8693</a>
 */
package io.partnerid.federation.exchange;
