/** Contract suites of the role SPIs, and role and assignment fixture builders. */
package io.partnerid.testkit.role;
