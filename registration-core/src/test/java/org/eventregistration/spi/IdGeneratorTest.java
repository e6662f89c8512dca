package org.eventregistration.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eventregistration.registration.RegistrationId;
import org.junit.jupiter.api.Test;

/** The ready id generators make valid, distinct version 4 UUIDs, from any number of threads. */
class IdGeneratorTest {

    @Test
    void fastRandomUuidsAreVersion4UuidsAndValidIds() {
        IdGenerator ids = IdGenerator.fastRandomUuid();
        Set<String> seen = new HashSet<>();
        int[] bitCounts = new int[128];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            String id = ids.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(RegistrationId.of(id).value()).isEqualTo(id);
            assertThat(seen.add(id)).as("repeated %s", id).isTrue();
            for (int b = 0; b < 64; b++) {
                bitCounts[b] += (int) ((uuid.getMostSignificantBits() >>> b) & 1);
                bitCounts[64 + b] += (int) ((uuid.getLeastSignificantBits() >>> b) & 1);
            }
        }
        // Apart from the 6 fixed version and variant bits, every bit is set about half the time.
        int fixed = 0;
        for (int b = 0; b < 128; b++) {
            if (bitCounts[b] == 0 || bitCounts[b] == n) {
                fixed++;
            } else {
                assertThat(bitCounts[b]).as("bit %d", b).isBetween(n / 2 - n / 20, n / 2 + n / 20);
            }
        }
        assertThat(fixed).isEqualTo(6);
    }

    @Test
    void threadsDrawDistinctIds() throws Exception {
        IdGenerator ids = IdGenerator.fastRandomUuid();
        Set<String> all = ConcurrentHashMap.newKeySet();
        int threads = 8;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        all.add(ids.newId());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(all).hasSize(threads * each);
    }

    @Test
    void randomUuidIsStillTheSecureRandomOne() {
        String id = IdGenerator.randomUuid().newId();
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(IdGenerator.randomUuid().newId()).isNotEqualTo(id);
    }
}
