package io.partnerid.core.user;

import static io.partnerid.core.user.UserStatus.ACTIVE;
import static io.partnerid.core.user.UserStatus.DISABLED;
import static io.partnerid.core.user.UserStatus.INVITED;
import static io.partnerid.core.user.UserStatus.LOCKED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserStatusTests {

    private static final Map<UserStatus, Set<UserStatus>> ALLOWED = Map.of(
            INVITED, EnumSet.of(ACTIVE, DISABLED),
            ACTIVE, EnumSet.of(LOCKED, DISABLED),
            LOCKED, EnumSet.of(ACTIVE, DISABLED),
            DISABLED, EnumSet.of(ACTIVE));

    @Test
    void canTransitionToWhenEveryPairThenExactlyTheLifecycleTable() {
        for (UserStatus from : UserStatus.values()) {
            for (UserStatus to : UserStatus.values()) {
                assertThat(from.canTransitionTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void canTransitionToWhenAnyStateThenDisabledReachableExceptFromItself() {
        for (UserStatus from : EnumSet.of(INVITED, ACTIVE, LOCKED)) {
            assertThat(from.canTransitionTo(DISABLED)).isTrue();
        }
        assertThat(DISABLED.canTransitionTo(LOCKED)).isFalse();
        assertThat(DISABLED.canTransitionTo(INVITED)).isFalse();
    }
}
