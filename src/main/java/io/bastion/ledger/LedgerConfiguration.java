package io.bastion.ledger;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduler that runs the ledger's expiry sweep. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerConfiguration {
}
