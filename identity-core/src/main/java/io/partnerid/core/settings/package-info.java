/**
 * Inherited settings with guardrails: typed setting keys resolved along the organization path, locks that stop
 * descendants from overriding, and an explainer that says where the effective value came from.
 */
package io.partnerid.core.settings;
