package io.partnerid.testkit.user;

import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.core.user.UserStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Fixture builders for users: sensible defaults, override only what a test is about.
 *
 * <p>Stateless and thread-safe; each builder is a fresh, single-threaded object.
 *
 * <pre>{@code
 * User alice = users.createUser(UserFixtures.newUser(pool.id()).username("alice").build());
 * User invited = users.createUser(UserFixtures.newUser(pool.id()).username("bob").status(UserStatus.INVITED).build());
 * }</pre>
 */
public final class UserFixtures {

    private UserFixtures() {
    }

    /** A builder of an ACTIVE user named {@code user} with e-mail {@code user@example.com}, in {@code pool}. */
    public static NewUserBuilder newUser(PoolId pool) {
        return new NewUserBuilder(pool);
    }

    /** Builds {@link NewUser} requests. Not thread-safe. */
    public static final class NewUserBuilder {
        private final PoolId pool;
        private String username = "user";
        private Optional<String> email = Optional.empty();
        private boolean emailSet;
        private Optional<String> displayName = Optional.empty();
        private UserStatus status = UserStatus.ACTIVE;

        private NewUserBuilder(PoolId pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
        }

        /** The username (default {@code user}); also derives the default e-mail and display name. */
        public NewUserBuilder username(String value) {
            this.username = Objects.requireNonNull(value, "username");
            return this;
        }

        /** The e-mail address (default {@code <username>@example.com}). */
        public NewUserBuilder email(String value) {
            this.email = Optional.of(value);
            this.emailSet = true;
            return this;
        }

        /** No e-mail address. */
        public NewUserBuilder noEmail() {
            this.email = Optional.empty();
            this.emailSet = true;
            return this;
        }

        /** The display name (default: the username). */
        public NewUserBuilder displayName(String value) {
            this.displayName = Optional.of(value);
            return this;
        }

        /** The initial status (default ACTIVE). */
        public NewUserBuilder status(UserStatus value) {
            this.status = Objects.requireNonNull(value, "status");
            return this;
        }

        /** The request. */
        public NewUser build() {
            Optional<String> mail = emailSet ? email : Optional.of(username.toLowerCase(java.util.Locale.ROOT)
                    + "@example.com");
            NewUser.Builder request = NewUser.builder(pool, username).displayName(displayName.orElse(username))
                    .status(status);
            mail.ifPresent(request::email);
            return request.build();
        }
    }
}
