/**
 * Test support for hosts and for the SDK itself: one abstract contract suite per SPI (implementations extend it),
 * {@link io.partnerid.testkit.MutableClock} and fixture builders. The suites of identity-authz's and
 * identity-federation's SPIs are published in identity-testkit-authz and identity-testkit-federation.
 */
package io.partnerid.testkit;
