/**
 * Partner-scoped authorization: the request values ({@link io.partnerid.authz.Subject},
 * {@link io.partnerid.authz.Resource}, {@link io.partnerid.authz.AuthorizationRequest}) and the sealed
 * {@link io.partnerid.authz.Decision} with its reasons and obligations.
 *
 * <p>Feature packages: {@code policy} (document format, builder, JSON Schema), {@code engine} (compiled snapshot,
 * decisions, explainer), {@code grant} (cross-organization grants), {@code entitlement} (tiers, contracts, Bucket4j
 * quotas), {@code risk} (explainable risk signals), {@code pipeline} (the zero-trust façade) and {@code authzen}
 * (OpenID AuthZEN Authorization API 1.0). The module depends only on {@code identity-core}.
 */
package io.partnerid.authz;
