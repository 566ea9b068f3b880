/**
 * Support for the SDK's JDBC repositories: {@link io.partnerid.core.jdbc.PartnerIdSchema} applies the SDK's Flyway
 * migrations to a host's {@link javax.sql.DataSource}, {@link io.partnerid.core.jdbc.RowMapper} replaces the row
 * mapping of a repository; {@link io.partnerid.core.jdbc.Jdbc} and {@link io.partnerid.core.jdbc.TextCodec} are the
 * plumbing every module's JDBC repositories share. The repositories themselves ({@code JdbcOrganizationRepository}, {@code JdbcAuditLog},
 * …) live in their feature packages next to the in-memory implementations. See {@code docs/persistence.md}.
 */
package io.partnerid.core.jdbc;
