/**
 * EMV 3-D Secure 2.2: the JSON message model validated on receipt, a Directory Server routing by card
 * range, an ACS with a risk-based decision and an SMS one-time-code challenge, and authentication values
 * that authorization verifies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "3-D Secure",
        allowedDependencies = {"shared", "platform", "keys", "audit", "notification"})
package io.bastion.threeds;
