/**
 * The contract suite of {@link io.partnerid.authz.grant.GrantRepository} (identity-testkit-authz).
 */
package io.partnerid.testkit.grant;
