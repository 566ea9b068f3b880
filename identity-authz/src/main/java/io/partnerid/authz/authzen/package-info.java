/**
 * The OpenID AuthZEN Authorization API 1.0: message model, JSON codecs and a decision point over the policy engine.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html">Authorization API 1.0</a>
 */
package io.partnerid.authz.authzen;
