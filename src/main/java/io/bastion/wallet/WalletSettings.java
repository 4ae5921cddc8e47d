package io.bastion.wallet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.iban4j.CountryCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The wallet module's configuration: currencies, IBAN country and bank code, fees and the default limits. */
@Component
final class WalletSettings {

    private final List<String> currencies;
    private final CountryCode ibanCountry;
    private final String bankCode;
    private final FeeSchedule transferFees;
    private final LimitLevel defaultLevel;
    private final String safeguardingIban;
    private final String debtorName;

    WalletSettings(@Value("${bastion.wallet.currencies:EUR}") String currencies,
                   @Value("${bastion.wallet.iban-country:DE}") String ibanCountry,
                   @Value("${bastion.wallet.bank-code:10010010}") String bankCode,
                   @Value("${bastion.wallet.fee.transfer-fixed-minor:0}") long feeFixedMinor,
                   @Value("${bastion.wallet.fee.transfer-bps:10}") int feeBasisPoints,
                   @Value("${bastion.wallet.limits.standard.balance-cap-minor:1000000}") long balanceCap,
                   @Value("${bastion.wallet.limits.standard.monthly-outgoing-minor:500000}") long monthlyOutgoing,
                   @Value("${bastion.wallet.safeguarding-iban:DE89370400440532013000}") String safeguardingIban,
                   @Value("${bastion.wallet.company-name:Bastion Payments}") String debtorName) {
        this.currencies = Arrays.stream(currencies.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (this.currencies.isEmpty() || this.currencies.stream().anyMatch(c -> !c.matches("[A-Z]{3}"))) {
            throw new IllegalArgumentException("bastion.wallet.currencies must list ISO 4217 codes");
        }
        this.ibanCountry = Objects.requireNonNull(CountryCode.getByCode(ibanCountry), "bastion.wallet.iban-country");
        this.bankCode = bankCode;
        this.transferFees = new FeeSchedule(feeFixedMinor, feeBasisPoints);
        this.defaultLevel = new LimitLevel("standard", balanceCap, monthlyOutgoing);
        this.safeguardingIban = safeguardingIban;
        this.debtorName = debtorName;
    }

    List<String> currencies() {
        return currencies;
    }

    CountryCode ibanCountry() {
        return ibanCountry;
    }

    String bankCode() {
        return bankCode;
    }

    FeeSchedule transferFees() {
        return transferFees;
    }

    /** The level of every customer until the KYC module sets levels. */
    LimitLevel levelOf(String userId) {
        return defaultLevel;
    }

    String safeguardingIban() {
        return safeguardingIban;
    }

    String debtorName() {
        return debtorName;
    }
}
