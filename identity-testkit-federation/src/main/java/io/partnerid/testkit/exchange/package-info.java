/**
 * The contract suites of {@link io.partnerid.federation.exchange.ExchangePolicyRepository},
 * {@link io.partnerid.federation.exchange.ExchangeClients} and {@link io.partnerid.federation.exchange.JwksFetcher}
 * (identity-testkit-federation).
 */
package io.partnerid.testkit.exchange;
