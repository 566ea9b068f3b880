/**
 * Governance: the per-organization kill switch that suspends a subtree at once and reports what it cut.
 */
package io.partnerid.core.governance;
