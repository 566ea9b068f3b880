/**
 * The contract suite of {@link io.partnerid.core.org.OrganizationRepository}.
 */
package io.partnerid.testkit.org;
