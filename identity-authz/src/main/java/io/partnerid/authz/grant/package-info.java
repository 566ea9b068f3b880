/**
 * Cross-organization grants: an organization offers a subset of its roles to a partner organization; revoking the
 * grant removes every assignment derived from it.
 */
package io.partnerid.authz.grant;
