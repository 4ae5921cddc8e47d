package io.bastion.identity.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.identity.StaffAccounts;
import io.bastion.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators create staff accounts; nobody can sign up as staff. */
@RestController
@RequestMapping("/v1/operator/staff")
class OperatorStaffController {

    private final StaffAccounts staff;

    OperatorStaffController(StaffAccounts staff) {
        this.staff = staff;
    }

    /** The role in the API's lower-case spelling. */
    enum Role {
        @JsonProperty("support") SUPPORT,
        @JsonProperty("compliance") COMPLIANCE,
        @JsonProperty("operations_admin") OPERATIONS_ADMIN;

        UserAccount.StaffRole toStaffRole() {
            return UserAccount.StaffRole.valueOf(name());
        }
    }

    record CreateStaff(String email, String phone, String displayName, Role role, String password) {
    }

    record StaffView(String id, String email, String phone, String displayName, String role, boolean secondFactorEnrolled,
                     Instant createdAt) {
    }

    @PostMapping
    ResponseEntity<?> create(@RequestBody CreateStaff body, @AuthenticationPrincipal ApiKeyPrincipal caller,
                             HttpServletRequest request) {
        StaffAccounts.NewStaff form = new StaffAccounts.NewStaff(body.email(), body.phone(), body.displayName(),
                body.role() == null ? null : body.role().toStaffRole(), body.password());
        return switch (staff.create(form, caller.callerId(), request.getRemoteAddr())) {
            case StaffAccounts.Created.Done done -> ResponseEntity.created(URI.create("/v1/operator/staff/" + done.account().id()))
                    .header("Cache-Control", "no-store").body(view(done.account()));
            case StaffAccounts.Created.Invalid invalid -> problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field",
                    "Invalid value for: " + invalid.field() + ".",
                    List.of(Map.of("field", invalid.field(), "rule", invalid.rule(), "message", invalid.message())));
            case StaffAccounts.Created.EmailTaken taken -> problem(HttpStatus.CONFLICT, "invalid-field", "Invalid field",
                    "An account with this e-mail address exists already.",
                    List.of(Map.of("field", "email", "rule", "unique", "message", "Use another e-mail address.")));
        };
    }

    private static StaffView view(UserAccount account) {
        return new StaffView(account.id(), account.email(), account.phone(), account.displayName(),
                account.staffRole().name().toLowerCase(Locale.ROOT), account.hasSecondFactor(), account.createdAt());
    }

    /** A problem in the web module's shape; identity may not depend on web, so it is built here. */
    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
                                                         List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).header("Cache-Control", "no-store")
                .body(problem);
    }
}
