/**
 * Contract suites of the user-package SPIs (pools, users, federated identities, memberships), user fixture builders
 * and {@link io.partnerid.testkit.user.InMemoryDirectory}, the core services wired in memory.
 */
package io.partnerid.testkit.user;
