/**
 * Test support for hosts and for the SDK itself: one abstract contract suite per SPI (implementations extend it),
 * {@link io.partnerid.testkit.MutableClock} and fixture builders.
 */
package io.partnerid.testkit;
