/**
 * The policy decision point: {@link io.partnerid.authz.engine.PolicyEngine} decides lock-free on an immutable compiled
 * {@link io.partnerid.authz.engine.PolicySnapshot}, explains decisions and swaps versions atomically. The compiler and
 * the compiled forms are package-private.
 */
package io.partnerid.authz.engine;
