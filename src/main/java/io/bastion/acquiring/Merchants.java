package io.bastion.acquiring;

import io.bastion.identity.CustomerDirectory;
import io.bastion.shared.CountryCodes;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The merchant as card networks and 3-D Secure see it: its business name from identity, and the country
 * (alpha-2 for networks, its ISO 3166 numeric code for 3-D Secure) and merchant category code Bastion acquires
 * under ({@code bastion.acquiring.merchant-country}, {@code bastion.acquiring.merchant-mcc}).
 */
@Component
final class Merchants {

    /** Business names remembered at most. */
    static final int NAMES_REMEMBERED_MAX = 10_000;

    private final CustomerDirectory directory;
    /** Names by business id: identity never renames a business, so a name once read stays true. */
    private final Cache<String, String> names = Caffeine.newBuilder().maximumSize(NAMES_REMEMBERED_MAX).build();
    private final String country;
    private final String countryNumeric;
    private final String mcc;

    Merchants(CustomerDirectory directory, @Value("${bastion.acquiring.merchant-country:GB}") String country,
              @Value("${bastion.acquiring.merchant-mcc:5999}") String mcc) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (!country.matches("[A-Z]{2}") || CountryCodes.numeric(country).isEmpty() || !mcc.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("bastion.acquiring.merchant-country must be an ISO 3166 alpha-2 code "
                    + "and bastion.acquiring.merchant-mcc four digits");
        }
        this.country = country;
        this.countryNumeric = CountryCodes.numeric(country).orElseThrow();
        this.mcc = mcc;
    }

    /** The merchant with this business id; its name falls back to the id when identity does not know it. */
    NetworkAuthorization.Merchant of(String merchantId) {
        String name = names.getIfPresent(merchantId);
        if (name == null) {
            // An unknown business is not remembered: it may sign up later.
            name = directory.businessName(merchantId).orElse(null);
            if (name != null) {
                names.put(merchantId, name);
            }
        }
        return new NetworkAuthorization.Merchant(merchantId, name == null ? merchantId : name, country, mcc);
    }

    /** The ISO 3166 numeric country code 3-D Secure messages carry. */
    String countryNumeric() {
        return countryNumeric;
    }
}
