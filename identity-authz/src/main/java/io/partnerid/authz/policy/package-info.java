/**
 * The versioned policy document ({@code partnerid.authz/v1}): its model, builder, YAML/JSON reader and writer, the
 * JSON Schema resource, and validation errors that name the JSON path and the reason.
 */
package io.partnerid.authz.policy;
