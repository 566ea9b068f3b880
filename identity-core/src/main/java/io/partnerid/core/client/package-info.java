/**
 * Client applications owned by organizations: grant types, exact-match redirect URIs, scopes, audiences, and
 * secrets stored only as salted Argon2id hashes. {@link io.partnerid.core.client.ClientService} is the façade.
 */
package io.partnerid.core.client;
