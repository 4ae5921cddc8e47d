/** Values shared by every module: records and constants only, no beans. */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel")
package io.bastion.shared;
