package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.audit.AuditEntry;
import io.bastion.audit.AuditLog;
import io.bastion.notification.DevInbox;
import io.bastion.testing.BastionTest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Support access by consent, and unlocking, at the level of the identity module's facades. */
@BastionTest
class SupportAccessTests {

    static final String IP = "203.0.113.7";
    static final String REASON = "Customer called about a missing top-up";

    @Autowired
    SupportAccess support;
    @Autowired
    StaffAccounts staffAccounts;
    @Autowired
    UserStore users;
    @Autowired
    PasswordHashing hashing;
    @Autowired
    Totp totp;
    @Autowired
    Clock clock;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DevInbox inbox;
    @Autowired
    SecondFactors factors;

    PeopleFixture people;
    PeopleFixture.Person agent;
    PeopleFixture.Person owner;

    @BeforeEach
    void setUp() {
        people = new PeopleFixture(users, hashing, totp, clock);
        agent = people.staff(UserAccount.StaffRole.SUPPORT, "Sam Support");
        owner = people.customer("Olive Owner", true);
    }

    private String requested(SupportAccess.Scope scope, Duration duration) {
        SupportAccess.Requested outcome = support.request(agent.id, owner.id, REASON, scope, duration, IP);
        assertThat(outcome).isInstanceOf(SupportAccess.Requested.Pending.class);
        return ((SupportAccess.Requested.Pending) outcome).grantId();
    }

    private String approved(SupportAccess.Scope scope) {
        String grantId = requested(scope, Duration.ofHours(1));
        assertThat(support.approve(owner.id, grantId, SecondFactors.Method.TOTP, people.code(owner), IP))
                .isEqualTo(SupportAccess.Result.DONE);
        return grantId;
    }

    @Test
    void aRequestForTwentyFiveHoursIsRefusedAndNothingIsStored() {
        SupportAccess.Requested outcome = support.request(agent.id, owner.id, REASON, SupportAccess.Scope.READ_ONLY,
                Duration.ofHours(25), IP);

        assertThat(outcome).isEqualTo(new SupportAccess.Requested.Refused("DURATION_AT_MOST_24_HOURS", "Ask for 15 minutes to 24 hours."));
        assertThat(support.requestsBy(agent.id)).isEmpty();
        assertThat(support.request(agent.id, owner.id, REASON, SupportAccess.Scope.READ_ONLY, Duration.ofHours(24), IP))
                .isInstanceOf(SupportAccess.Requested.Pending.class);
    }

    @Test
    void aPendingRequestGivesNoAccessAndTheOwnerIsToldByEmail() {
        String grantId = requested(SupportAccess.Scope.READ_ONLY, Duration.ofHours(1));

        assertThat(grantId).startsWith("sga_");
        assertThat(support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_ONLY)).isEmpty();
        assertThat(support.viewCustomer(agent.id, owner.id, IP)).isEmpty();
        assertThat(inbox.newestTo(owner.email)).anySatisfy(m -> assertThat(m.subject()).contains("asks for access"));
    }

    @Test
    void anApprovedGrantGivesItsScopeForItsDurationAndEachViewIsListedToTheOwner() {
        String grantId = approved(SupportAccess.Scope.READ_ONLY);

        SupportAccess.Grant grant = support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_ONLY).orElseThrow();
        assertThat(grant.id()).isEqualTo(grantId);
        assertThat(Duration.between(grant.decidedAt(), grant.expiresAt())).isEqualTo(Duration.ofHours(1));
        assertThat(support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_WRITE)).isEmpty();
        assertThat(support.viewCustomer(agent.id, owner.id, IP)).get()
                .satisfies(profile -> assertThat(profile.account().displayName()).isEqualTo("Olive Owner"));
        assertThat(support.usesFor(owner.id)).singleElement()
                .satisfies(use -> assertThat(use.action()).isEqualTo(SupportAccess.PROFILE_VIEWED))
                .satisfies(use -> assertThat(use.grantId()).isEqualTo(grantId));
        assertThat(support.endCustomerSessions(agent.id, owner.id, IP)).isEqualTo(SupportAccess.Result.GRANT_IS_READ_ONLY);
        assertThat(audited("identity.support.used", owner.id)).anySatisfy(e -> assertThat(e.details()).contains(grantId));
    }

    @Test
    void aReadWriteGrantLetsItsHolderActAndEachActionIsListedToTheOwner() {
        String grantId = approved(SupportAccess.Scope.READ_WRITE);

        assertThat(support.endCustomerSessions(agent.id, owner.id, IP)).isEqualTo(SupportAccess.Result.DONE);
        assertThat(support.sendVerificationCodes(agent.id, owner.id, IP)).as("the owner is verified already")
                .isEqualTo(SupportAccess.Result.NOTHING_TO_DO);

        assertThat(support.usesFor(owner.id)).extracting(SupportAccess.Use::action).containsExactly(SupportAccess.SESSIONS_ENDED);
        assertThat(support.usesFor(owner.id)).allSatisfy(use -> assertThat(use.grantId()).isEqualTo(grantId))
                .allSatisfy(use -> assertThat(use.staffName()).isEqualTo("Sam Support"));
    }

    @Test
    void anExpiredGrantGivesNoAccess() {
        String grantId = approved(SupportAccess.Scope.READ_WRITE);
        assertThat(support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_WRITE)).isPresent();

        jdbc.sql("UPDATE identity_support_grant SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.ofInstant(clock.instant().minusSeconds(1), ZoneOffset.UTC), grantId).update();

        assertThat(support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_ONLY)).isEmpty();
        assertThat(support.viewCustomer(agent.id, owner.id, IP)).isEmpty();
        assertThat(support.endCustomerSessions(agent.id, owner.id, IP)).isEqualTo(SupportAccess.Result.NO_LIVE_GRANT);
        assertThat(support.grantsFor(owner.id)).singleElement()
                .satisfies(g -> assertThat(g.state(clock.instant())).isEqualTo(SupportAccess.State.EXPIRED));
    }

    @Test
    void anotherStaffMemberGetsNoAccessThroughSomeoneElsesGrant() {
        approved(SupportAccess.Scope.READ_WRITE);
        PeopleFixture.Person colleague = people.staff(UserAccount.StaffRole.SUPPORT, "Chris Colleague");

        assertThat(support.liveGrant(colleague.id, owner.id, SupportAccess.Scope.READ_ONLY)).isEmpty();
        assertThat(support.viewCustomer(colleague.id, owner.id, IP)).isEmpty();
        assertThat(support.endCustomerSessions(colleague.id, owner.id, IP)).isEqualTo(SupportAccess.Result.NO_LIVE_GRANT);
        assertThat(support.usesFor(owner.id)).isEmpty();
    }

    @Test
    void onlyTheOwnerCanApproveAndOnlyWithACurrentSecondFactor() {
        String grantId = requested(SupportAccess.Scope.READ_ONLY, Duration.ofHours(2));
        PeopleFixture.Person stranger = people.customer("Stan Stranger", true);

        assertThat(support.approve(stranger.id, grantId, SecondFactors.Method.TOTP, people.code(stranger), IP))
                .isEqualTo(SupportAccess.Result.NOT_FOUND);
        assertThat(support.approve(agent.id, grantId, SecondFactors.Method.TOTP, people.code(agent), IP))
                .isEqualTo(SupportAccess.Result.NOT_FOUND);
        assertThat(support.deny(stranger.id, grantId, IP)).isEqualTo(SupportAccess.Result.NOT_FOUND);
        assertThat(support.approve(owner.id, grantId, SecondFactors.Method.TOTP, "000000", IP))
                .isEqualTo(SupportAccess.Result.SECOND_FACTOR_REJECTED);
        assertThat(support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_ONLY)).isEmpty();

        assertThat(support.approve(owner.id, grantId, SecondFactors.Method.TOTP, people.code(owner), IP))
                .isEqualTo(SupportAccess.Result.DONE);
        assertThat(support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_ONLY)).isPresent();
    }

    @Test
    void anOwnerWithoutAnAuthenticatorAppApprovesWithAStepUpCodeSentBySms() {
        PeopleFixture.Person smsOwner = people.customer("Sid Sms", false);
        SupportAccess.Requested requested = support.request(agent.id, smsOwner.id, REASON, SupportAccess.Scope.READ_ONLY,
                Duration.ofMinutes(30), IP);
        String grantId = ((SupportAccess.Requested.Pending) requested).grantId();

        assertThat(factors.sendSmsCode(smsOwner.id, true, IP)).isTrue();
        String sms = inbox.newestTo(smsOwner.phone).getFirst().body();
        String code = sms.replaceAll("(?s).*code is ([0-9]{6}).*", "$1");

        assertThat(support.approve(smsOwner.id, grantId, SecondFactors.Method.SMS, code, IP)).isEqualTo(SupportAccess.Result.DONE);
        assertThat(support.liveGrant(agent.id, smsOwner.id, SupportAccess.Scope.READ_ONLY)).get()
                .satisfies(g -> assertThat(g.expiresAt()).isEqualTo(g.decidedAt().plus(Duration.ofMinutes(30))));
    }

    @Test
    void theOwnerCanDenyOrRevokeAndAccessEndsAtOnce() {
        String denied = requested(SupportAccess.Scope.READ_ONLY, Duration.ofHours(1));
        assertThat(support.deny(owner.id, denied, IP)).isEqualTo(SupportAccess.Result.DONE);
        assertThat(support.approve(owner.id, denied, SecondFactors.Method.TOTP, people.code(owner), IP))
                .isEqualTo(SupportAccess.Result.NOT_FOUND);

        String grantId = approved(SupportAccess.Scope.READ_WRITE);
        assertThat(support.revoke(agent.id, grantId, IP)).isEqualTo(SupportAccess.Result.NOT_FOUND);
        assertThat(support.revoke(owner.id, grantId, IP)).isEqualTo(SupportAccess.Result.DONE);

        assertThat(support.liveGrant(agent.id, owner.id, SupportAccess.Scope.READ_ONLY)).isEmpty();
        assertThat(audited("identity.support.revoked", grantId)).extracting(AuditEntry::actor, AuditEntry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(owner.id, "SUCCESS"), org.assertj.core.groups.Tuple.tuple(agent.id, "DENIED"));
    }

    @Test
    void staffCannotAskForAccessToAnotherStaffAccountAndCustomersCannotAskAtAll() {
        PeopleFixture.Person admin = people.staff(UserAccount.StaffRole.OPERATIONS_ADMIN, "Ada Admin");

        assertThat(support.request(agent.id, admin.id, REASON, SupportAccess.Scope.READ_ONLY, Duration.ofHours(1), IP))
                .isInstanceOf(SupportAccess.Requested.Refused.class);
        assertThat(support.request(owner.id, admin.id, REASON, SupportAccess.Scope.READ_ONLY, Duration.ofHours(1), IP))
                .isInstanceOf(SupportAccess.Requested.Refused.class);
        assertThat(support.customerIdByEmail(admin.email)).isEmpty();
        assertThat(support.customerIdByEmail(owner.email)).contains(owner.id);
    }

    @Test
    void anOperationsAdminUnlocksALockedAccountAndItIsAudited() {
        PeopleFixture.Person admin = people.staff(UserAccount.StaffRole.OPERATIONS_ADMIN, "Ada Admin");
        users.recordPasswordFailure(owner.id, 0, clock.instant().plus(Duration.ofMinutes(30)), 1);
        assertThat(users.byId(owner.id).orElseThrow().locked(clock.instant())).isTrue();

        assertThat(staffAccounts.unlock(admin.id, owner.id, IP)).isEqualTo(StaffAccounts.Unlock.UNLOCKED);

        assertThat(users.byId(owner.id).orElseThrow().locked(clock.instant())).isFalse();
        assertThat(audited("identity.account.unlocked", owner.id)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(admin.id))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("SUCCESS"));
    }

    @Test
    void aSupportAgentCannotUnlockAndTheAttemptIsAudited() {
        users.recordPasswordFailure(owner.id, 0, clock.instant().plus(Duration.ofMinutes(30)), 1);

        assertThat(staffAccounts.unlock(agent.id, owner.id, IP)).isEqualTo(StaffAccounts.Unlock.ROLE_MUST_BE_OPERATIONS_ADMIN);
        assertThat(staffAccounts.unlock(owner.id, owner.id, IP)).isEqualTo(StaffAccounts.Unlock.ROLE_MUST_BE_OPERATIONS_ADMIN);

        assertThat(users.byId(owner.id).orElseThrow().locked(clock.instant())).isTrue();
        assertThat(audited("identity.account.unlocked", owner.id)).hasSize(2).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("DENIED"));
    }

    private List<AuditEntry> audited(String action, String target) {
        return audit.entries(Long.MAX_VALUE, AuditLog.ENTRIES_PAGE_MAX).stream()
                .filter(e -> e.action().equals(action) && e.target().equals(target)).toList();
    }
}
