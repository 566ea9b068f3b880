/** The SDK wired by hand, without Spring: the seed's partner ecosystem built, administered and audited. */
package io.partnerid.samples.plain;
