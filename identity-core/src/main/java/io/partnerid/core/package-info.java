/**
 * The SDK's kernel: errors ({@link io.partnerid.core.IdentityException}, {@link io.partnerid.core.ErrorCode}), the
 * injected {@link io.partnerid.core.IdentityRuntime} (clock, ids, randomness), paging and the acting
 * {@link io.partnerid.core.Actor}. Feature packages below hold the tenant model.
 */
package io.partnerid.core;
