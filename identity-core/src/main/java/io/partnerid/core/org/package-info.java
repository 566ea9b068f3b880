/**
 * The organization tree: organizations (partners, suppliers, their desks and regions) nested to any depth, with
 * materialized paths for O(depth) ancestry and one-range subtree queries.
 */
package io.partnerid.core.org;
