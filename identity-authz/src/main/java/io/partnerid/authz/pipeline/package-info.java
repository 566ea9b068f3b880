/**
 * The zero-trust façade run on every API call: identity, kill switch, risk, policy, entitlements, decision with
 * obligations, audit.
 */
package io.partnerid.authz.pipeline;
