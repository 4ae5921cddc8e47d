/**
 * Key management: Tink keysets per purpose, stored in PostgreSQL encrypted under a master key that
 * comes from outside the database, and rotated by command.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Keys", allowedDependencies = {"shared", "platform"})
package io.bastion.keys;
