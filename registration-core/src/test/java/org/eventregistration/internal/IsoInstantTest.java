package org.eventregistration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Instants are written exactly as {@link Instant#toString()} writes them. */
class IsoInstantTest {
    @Test
    void writesAsToString() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("2026-11-20T08:00:00Z"),
                Instant.parse("2026-11-20T08:00:00.123Z"),
                Instant.parse("2026-11-20T08:00:00.123456Z"),
                Instant.parse("2026-11-20T08:00:00.123456789Z"),
                Instant.parse("2026-11-20T08:00:00.000000001Z"),
                Instant.parse("2026-11-20T08:00:00.100Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.MIN,
                Instant.MAX));
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nano));
        }
        for (Instant instant : instants) {
            assertThat(IsoInstant.append(new StringBuilder("x"), instant).toString())
                    .isEqualTo("x" + instant);
        }
    }
}
