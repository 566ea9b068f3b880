/**
 * Identity pools, users and their lifecycle, federated identity links keyed by (issuer, subject), and explicit
 * memberships of users in organizations other than their home organization. {@link io.partnerid.core.user.UserService}
 * is the façade; each repository SPI has an in-memory implementation beside it and a contract suite in
 * {@code identity-testkit}.
 */
package io.partnerid.core.user;
