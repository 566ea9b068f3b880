/** The contract suite of {@link io.partnerid.core.group.GroupRepository}. */
package io.partnerid.testkit.group;
