package io.bastion.identity;

import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Finds customers for other modules: by id, and verified customers by e-mail or phone, to pay them. */
@Service
public final class CustomerDirectory {

    private static final int HANDLE_LENGTH_MAX = 254;

    private final UserStore users;
    private final JdbcClient jdbc;

    CustomerDirectory(UserStore users, JdbcClient jdbc) {
        this.users = Objects.requireNonNull(users, "users");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** The display name of a business (a merchant), as its members registered it. */
    public Optional<String> businessName(String businessId) {
        if (businessId == null || businessId.length() > HANDLE_LENGTH_MAX) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT name FROM identity_business WHERE id = ?").param(businessId).query(String.class).optional();
    }

    /** A customer by id, verified or not; staff accounts are not customers. */
    public Optional<UserAccount> customer(String userId) {
        if (userId == null || userId.length() > HANDLE_LENGTH_MAX) {
            return Optional.empty();
        }
        return users.byId(userId).filter(u -> u.kind() != UserAccount.Kind.STAFF);
    }

    /** A verified customer by e-mail address (compared as stored: trimmed, lower case). */
    public Optional<UserAccount> findVerifiedByEmail(String email) {
        if (email == null || email.length() > HANDLE_LENGTH_MAX) {
            return Optional.empty();
        }
        return users.byEmail(email).filter(u -> u.kind() != UserAccount.Kind.STAFF && u.verified());
    }

    /** A verified customer by phone number in E.164 form; spaces are ignored. */
    public Optional<UserAccount> findVerifiedByPhone(String phone) {
        if (phone == null || phone.length() > HANDLE_LENGTH_MAX) {
            return Optional.empty();
        }
        String compact = phone.replace(" ", "");
        // A number held by two accounts names neither of them.
        var ids = jdbc.sql("SELECT id FROM identity_user WHERE phone = ? LIMIT 2").param(compact).query(String.class).list();
        return ids.size() != 1 ? Optional.empty() : users.byId(ids.getFirst())
                .filter(u -> u.kind() != UserAccount.Kind.STAFF && u.verified());
    }
}
