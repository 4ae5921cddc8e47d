/**
 * Runtime foundations: the data directory, the embedded or external PostgreSQL, TLS material,
 * structured logging and the command-line entry points.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", allowedDependencies = "shared")
package io.bastion.platform;
