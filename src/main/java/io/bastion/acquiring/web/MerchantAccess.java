package io.bastion.acquiring.web;

import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.SignedInUser;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may see and do what on the merchant dashboard. A business the user is not a member of answers 404,
 * exactly like one that does not exist; a member whose role does not allow an action gets 403. Every
 * dashboard request asks again, so a membership removed a moment ago stops working at once.
 */
@Component
final class MerchantAccess {

    private final BusinessApiKeys businesses;

    MerchantAccess(BusinessApiKeys businesses) {
        this.businesses = Objects.requireNonNull(businesses, "businesses");
    }

    /** A signed-in user as a member of one business, with what their role allows. */
    record Member(String userId, String businessId, String businessName, BusinessApiKeys.Role role) {

        /** Capture, cancel and refund: owners and admins. */
        public boolean movesMoney() {
            return role == BusinessApiKeys.Role.OWNER || role == BusinessApiKeys.Role.ADMIN;
        }

        /** API keys are managed on identity's page by owners and admins. */
        public boolean managesKeys() {
            return movesMoney();
        }

        /** Webhook endpoints: everyone but viewers. */
        public boolean managesWebhooks() {
            return role != BusinessApiKeys.Role.VIEWER;
        }
    }

    /** The businesses the user belongs to. */
    List<BusinessApiKeys.Membership> memberships(SignedInUser user) {
        return businesses.memberships(user.userId());
    }

    /** The user as a member of the business; 404 when they are not one. */
    Member member(SignedInUser user, String businessId) {
        return memberships(user).stream().filter(m -> m.businessId().equals(businessId)).findFirst()
                .map(m -> new Member(user.userId(), m.businessId(), m.businessName(), m.role()))
                .orElseThrow(MerchantAccess::notFound);
    }

    /** The member, if they may move money; 404 for a stranger, 403 for a member whose role may not. */
    Member moneyMover(SignedInUser user, String businessId) {
        Member member = member(user, businessId);
        if (!member.movesMoney()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return member;
    }

    /** The member, if they may manage webhooks; 404 for a stranger, 403 for a viewer. */
    Member webhookManager(SignedInUser user, String businessId) {
        Member member = member(user, businessId);
        if (!member.managesWebhooks()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return member;
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
