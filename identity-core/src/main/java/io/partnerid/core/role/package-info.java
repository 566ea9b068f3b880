/**
 * Roles defined at organizations (optionally inheritable by descendants), time-bound assignments to users and
 * groups, and the effective roles and permissions of a user at an organization and instant.
 * {@link io.partnerid.core.role.RoleService} is the façade.
 */
package io.partnerid.core.role;
