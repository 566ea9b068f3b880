package io.partnerid.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class UserTests {

    @Test
    void canonicalUsernameWhenCaseOrCompatibilityFormsThenFolded() {
        assertThat(User.canonicalUsername("  Alice.Smith ")).isEqualTo("alice.smith");
        assertThat(User.canonicalUsername("ＡＬＩＣＥ")).isEqualTo("alice"); // full-width letters, NFKC
    }

    @Test
    void canonicalUsernameWhenWhitespaceControlOrEmptyThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> User.canonicalUsername("al ice"));
        assertThatIllegalArgumentException().isThrownBy(() -> User.canonicalUsername("al\u0000ice"));
        assertThatIllegalArgumentException().isThrownBy(() -> User.canonicalUsername("al\u00a0ice"));
        assertThatIllegalArgumentException().isThrownBy(() -> User.canonicalUsername("   "));
        assertThatIllegalArgumentException().isThrownBy(() -> User.canonicalUsername("a".repeat(129)));
    }
}
