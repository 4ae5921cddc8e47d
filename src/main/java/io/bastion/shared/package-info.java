/** Values shared by every module: records only, no beans. */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel")
package io.bastion.shared;
