/**
 * Risk scoring from explainable signals (IP allowlist, geo-fence, impossible travel, new device, request-rate
 * anomaly, time of day) with per-organization thresholds that inherit with guardrails.
 */
package io.partnerid.authz.risk;
