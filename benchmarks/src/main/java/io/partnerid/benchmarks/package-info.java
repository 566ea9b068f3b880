/**
 * JMH benchmarks of the SDK, each run side by side with a peer (raw Nimbus/Bouncy Castle, jCasbin, cedar-java) in
 * the same JMH run. Results and commands are in {@code docs/benchmarks.md}.
 */
package io.partnerid.benchmarks;
