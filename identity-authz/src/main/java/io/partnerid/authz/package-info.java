/**
 * Partner-scoped authorization: a compiled, inherited policy engine with guardrails, cross-organization grants,
 * contract entitlements (tiers, quotas, time-bound access), risk scoring and the zero-trust per-request decision
 * pipeline, plus the AuthZEN Authorization API model.
 *
 * <p>This module is reserved by the foundation build; its capability arrives with the authorization issue. It
 * depends only on {@code identity-core}.
 */
package io.partnerid.authz;
