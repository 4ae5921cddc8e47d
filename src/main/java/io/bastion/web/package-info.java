/**
 * Cross-cutting HTTP: the security filter chain, response headers, RFC 9457 problem responses,
 * request ids, body limits and idempotency of API requests.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web",
        allowedDependencies = {"shared", "platform", "keys", "audit", "identity"})
package io.bastion.web;
