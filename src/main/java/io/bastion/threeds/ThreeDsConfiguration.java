package io.bastion.threeds;

import io.bastion.keys.Keys;
import io.bastion.notification.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the three roles. Card ranges and ACS rules come from configuration; the test ACS serves the test
 * network's range; Bastion's own range is served once issuing provides a {@link CardholderLookup} bean.
 */
@Configuration(proxyBeanMethods = false)
class ThreeDsConfiguration {

    static final String BASTION_ACS = CardholderLookup.BASTION_ACS;
    static final String TEST_ACS = CardholderLookup.TEST_ACS;
    private final TestNetworkCards testCards = new TestNetworkCards();

    @Bean
    AcsRules acsRules(@Value("${bastion.threeds.frictionless-amount-max:3000}") long frictionlessAmountMax,
            @Value("${bastion.threeds.otp-validity:5m}") Duration otpValidity,
            @Value("${bastion.threeds.otp-attempts-max:5}") int otpAttemptsMax,
            @Value("${bastion.threeds.otp-resends-max:3}") int otpResendsMax,
            @Value("${bastion.threeds.challenge-idle-max:10m}") Duration challengeIdleMax) {
        return new AcsRules(frictionlessAmountMax, otpValidity, otpAttemptsMax, otpResendsMax, challengeIdleMax);
    }

    @Bean
    DirectoryServer directoryServer(@Value("${bastion.threeds.bastion-range:49999900-49999999}") String bastionRange,
            @Value("${bastion.threeds.test-range:40000000-40000099}") String testRange,
            ObjectProvider<CardRangeLookup> rangeLookups, ObjectProvider<AccessControlServer> acs,
            ObjectProvider<ThreeDsServer> server) {
        List<CardRangeLookup> lookups = new ArrayList<>(rangeLookups.orderedStream().toList());
        lookups.add(testCards);
        return new DirectoryServer(List.of(CardRange.parse(bastionRange, BASTION_ACS),
                CardRange.parse(testRange, TEST_ACS)), lookups, acs, server);
    }

    @Bean
    AccessControlServer accessControlServer(ObjectProvider<CardholderLookup> issuing, ThreeDsTransactions transactions,
            AuthenticationValues values, Notifications notifications, Keys keys, AcsRules rules,
            @Value("${bastion.threeds.challenge-url:https://localhost/threeds/challenge/}") String challengeUrl,
            Clock clock) {
        Map<String, List<CardholderLookup>> byAcs = new HashMap<>();
        issuing.orderedStream().forEach(l -> byAcs.computeIfAbsent(l.acsName(), n -> new ArrayList<>()).add(l));
        byAcs.computeIfAbsent(TEST_ACS, n -> new ArrayList<>()).add(testCards);
        Map<String, CardholderLookup> issuers = new HashMap<>();
        byAcs.forEach((name, lookups) -> issuers.put(name, new FirstKnowingLookup(name, lookups)));
        return new AccessControlServer(issuers, transactions, values, notifications, keys, rules, challengeUrl, clock);
    }
}
