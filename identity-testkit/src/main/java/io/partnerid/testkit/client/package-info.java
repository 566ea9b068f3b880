/** The contract suite of {@link io.partnerid.core.client.ClientRepository}, and client fixture builders. */
package io.partnerid.testkit.client;
