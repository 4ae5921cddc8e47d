/**
 * Who may act: API keys for operators and merchants (and, with the identity issue, people and their
 * sessions and second factors).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity",
        allowedDependencies = {"shared", "platform", "keys", "audit", "notification"})
package io.bastion.identity;
