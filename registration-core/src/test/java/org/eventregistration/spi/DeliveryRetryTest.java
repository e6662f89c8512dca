package org.eventregistration.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryRetryTest {
    private static final Instant NOW = Instant.parse("2030-01-10T08:00:00Z");

    @Test
    void theWaitDoublesUpToTheMaximumAndEndsAfterTheLastAttempt() {
        DeliveryRetry retry = new DeliveryRetry(6, Duration.ofMinutes(1), Duration.ofMinutes(5));
        assertThat(retry.nextAttempt(1, NOW)).contains(NOW.plus(Duration.ofMinutes(1)));
        assertThat(retry.nextAttempt(2, NOW)).contains(NOW.plus(Duration.ofMinutes(2)));
        assertThat(retry.nextAttempt(3, NOW)).contains(NOW.plus(Duration.ofMinutes(4)));
        assertThat(retry.nextAttempt(4, NOW)).contains(NOW.plus(Duration.ofMinutes(5)));
        assertThat(retry.nextAttempt(5, NOW)).contains(NOW.plus(Duration.ofMinutes(5)));
        assertThat(retry.nextAttempt(6, NOW)).isEmpty();
        assertThat(DeliveryRetry.DEFAULT.nextAttempt(7, NOW)).contains(NOW.plus(Duration.ofMinutes(64)));
        assertThat(DeliveryRetry.DEFAULT.nextAttempt(8, NOW)).isEmpty();
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new DeliveryRetry(0, Duration.ofMinutes(1), Duration.ofMinutes(5)))
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new DeliveryRetry(3, Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .hasMessageContaining("PT10M");
        assertThatThrownBy(() -> new DeliveryRetry(3, Duration.ofMillis(10), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryRetry(3, Duration.ofMinutes(1), Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
