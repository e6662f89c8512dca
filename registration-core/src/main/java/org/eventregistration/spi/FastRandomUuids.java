package org.eventregistration.spi;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * {@link IdGenerator#fastRandomUuid()}: version 4 UUIDs from one pseudo-random generator per thread.
 * Each generator is seeded with 256 bits from a {@link SecureRandom}, so generators do not share a
 * stream and ids from different threads and JVMs do not collide in practice; drawing an id takes
 * no lock and no system call.
 */
final class FastRandomUuids implements IdGenerator {
    static final FastRandomUuids INSTANCE = new FastRandomUuids();
    private static final String ALGORITHM = "L64X128MixRandom";

    private final SecureRandom seeds = new SecureRandom();
    private final ThreadLocal<RandomGenerator> generators = ThreadLocal.withInitial(this::newGenerator);

    private FastRandomUuids() {}

    private RandomGenerator newGenerator() {
        byte[] seed = new byte[32];
        seeds.nextBytes(seed);
        try {
            return RandomGeneratorFactory.of(ALGORITHM).create(seed);
        } catch (IllegalArgumentException e) {
            // A runtime without the jdk.random module: a split SplittableRandom has its own seed and gamma.
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = (s << 8) | (seed[i] & 0xFF);
            }
            return new SplittableRandom(s).split();
        }
    }

    @Override
    public String newId() {
        RandomGenerator random = generators.get();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(most, least).toString();
    }

    @Override
    public String toString() {
        return "IdGenerator.fastRandomUuid()";
    }
}
