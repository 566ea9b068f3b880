/**
 * Groups of users nested inside one organization, with race-free cycle prevention; membership in a child group
 * implies membership in its ancestors. {@link io.partnerid.core.group.GroupService} is the façade.
 */
package io.partnerid.core.group;
