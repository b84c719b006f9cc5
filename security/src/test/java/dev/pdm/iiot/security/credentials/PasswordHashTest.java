package dev.pdm.iiot.security.credentials;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashTest {

    private static final int FAST = PasswordHash.MIN_ITERATIONS;

    @Test
    void matchesOnlyItsOwnPassword() {
        final PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), FAST);

        assertThat(hash.matches("s3cret".toCharArray())).isTrue();
        assertThat(hash.matches("s3cret ".toCharArray())).isFalse();
        assertThat(hash.matches("".toCharArray())).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        final PasswordHash first = PasswordHash.of("same".toCharArray(), FAST);
        final PasswordHash second = PasswordHash.of("same".toCharArray(), FAST);

        assertThat(first.encoded()).isNotEqualTo(second.encoded());
        assertThat(second.matches("same".toCharArray())).isTrue();
    }

    @Test
    void readsBackWhatItWrites() {
        final PasswordHash hash = PasswordHash.of("pw".toCharArray(), FAST);

        final PasswordHash read = PasswordHash.parse(hash.encoded());

        assertThat(read).isEqualTo(hash);
        assertThat(read.matches("pw".toCharArray())).isTrue();
        assertThat(hash.encoded()).startsWith("pbkdf2-sha512$10000$");
    }

    @Test
    void refusesWeakOrMalformedHashesWithoutEchoingThem() {
        assertThatThrownBy(() -> PasswordHash.parse("plain-password"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("plain-password");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha512$1000$AAAAAAAAAAA$"
                + "A".repeat(43)))
                .hasMessageContaining("at least 10000 iterations");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha512$x$a$b")).hasMessageContaining("number");
    }

    @Test
    void neverPrintsTheHash() {
        final PasswordHash hash = PasswordHash.of("pw".toCharArray(), FAST);

        assertThat(hash.toString()).doesNotContain(hash.encoded().substring(25));
    }
}
