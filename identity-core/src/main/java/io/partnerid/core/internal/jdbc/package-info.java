/**
 * Internal: the shared plumbing of the JDBC repositories (transactions, parameter binding, error translation,
 * keyset paging). Not part of the public API; may change in any release.
 */
package io.partnerid.core.internal.jdbc;
