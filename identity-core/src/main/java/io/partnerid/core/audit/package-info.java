/**
 * Audit: typed events, a non-blocking publisher SPI and the durable per-tenant hash-chained log with its verifier.
 */
package io.partnerid.core.audit;
