package org.eventregistration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registration ids are 1-64 of {@code [A-Za-z0-9_-]}. */
class RegistrationIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "_", "-", "3f2c1e9a-0b4d-4c1e-9f7a-2d8e6b5a4c3b", "reg_01-X"})
    void accepts(String value) {
        assertThat(RegistrationId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a.b", "a/b", "æ", "a\n", "{x}", "a@b", "%41"})
    void rejects(String value) {
        assertThatThrownBy(() -> RegistrationId.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 64, 65, 200})
    void atMost64Characters(int length) {
        String value = "x".repeat(length);
        if (length <= 64) {
            assertThat(RegistrationId.of(value).value()).hasSize(length);
        } else {
            assertThatThrownBy(() -> RegistrationId.of(value)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
