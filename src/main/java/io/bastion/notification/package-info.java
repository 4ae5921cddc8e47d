/**
 * Sends SMS and e-mail through a provider SPI: the dev inbox in development, SMTP and an HTTP SMS
 * provider in production. Message bodies carry one-time codes, so they are never logged.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification",
        allowedDependencies = {"shared", "platform"})
package io.bastion.notification;
