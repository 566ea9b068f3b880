/**
 * Contract entitlements: tiers and their features, quotas and rate limits as Bucket4j token buckets (in memory or
 * shared over PostgreSQL), and time-bound access windows.
 */
package io.partnerid.authz.entitlement;
