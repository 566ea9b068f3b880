/**
 * The reference server: the SDK running on an embedded H2 file database with a demo partner ecosystem, behind JSON
 * endpoints (health, the organization tree, audit-chain verification and the AuthZEN Authorization API over the
 * interop "Todo" policy). Plain Java on the JDK's HTTP server; the README's run command starts it.
 */
package io.partnerid.samples.reference;
