/**
 * The contract suites of {@link io.partnerid.authz.risk.RiskStateStore} and
 * {@link io.partnerid.authz.risk.GeoIpResolver} (identity-testkit-authz).
 */
package io.partnerid.testkit.risk;
