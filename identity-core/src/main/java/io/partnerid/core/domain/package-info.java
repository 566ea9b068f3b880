/**
 * Verified email domains: an organization claims a domain and proves control by publishing a DNS TXT challenge.
 * Only verified domains are ever used for routing (home-realm discovery) or provisioning; a domain is verified by
 * at most one organization.
 */
package io.partnerid.core.domain;
