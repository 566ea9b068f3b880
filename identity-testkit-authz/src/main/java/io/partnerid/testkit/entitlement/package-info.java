/**
 * The contract suite of {@link io.partnerid.authz.entitlement.QuotaStore} (identity-testkit-authz).
 */
package io.partnerid.testkit.entitlement;
