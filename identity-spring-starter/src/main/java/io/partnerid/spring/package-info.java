/**
 * Spring Boot auto-configuration for the SDK: properties under {@code partnerid.*}, Spring Security integration
 * and the HTTP endpoints.
 *
 * <p>This module is reserved by the foundation build; its capability arrives with the starter issue.
 */
package io.partnerid.spring;
