package io.bastion.identity;

import java.util.EnumSet;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Test merchants: a fresh business id with a secret API key holding both payment scopes. */
public final class MerchantKeys {

    /** A merchant as tests use it: its business id and the secret to send as a bearer token. */
    public record Merchant(String businessId, String secret) {
    }

    private final ApiKeys keys;

    public MerchantKeys(ApplicationContext context) {
        this.keys = context.getBean(ApiKeys.class);
    }

    /** A new merchant with payments:read and payments:write. */
    public Merchant merchant() {
        return merchant(EnumSet.of(ApiScope.PAYMENTS_READ, ApiScope.PAYMENTS_WRITE));
    }

    /** A new merchant whose key holds only these scopes. */
    public Merchant merchant(EnumSet<ApiScope> scopes) {
        // 29 characters: within the 35 that 3-D Secure allows for acquirerMerchantID, as real business ids are.
        String businessId = "biz_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        ApiKeys.Issued issued = keys.issue(ApiKeyPrincipal.OwnerKind.BUSINESS, businessId, "test checkout", scopes, null,
                "test", "127.0.0.1");
        return new Merchant(businessId, issued.secret().value());
    }
}
