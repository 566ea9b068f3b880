/**
 * JDBC plumbing shared by identity-authz's stores. Internal: not an API, may change without notice.
 */
package io.partnerid.authz.internal.jdbc;
