package org.eventregistration.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In memory: the full {@link RegistrationService#register} path (validation, eligibility, capacity
 * rules, history, notifications) against a bare "lock, check a counter, put in a map" baseline, in
 * the same run. Run with 1 and 2 threads:
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main InMemoryBenchmark -t 1
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main InMemoryBenchmark -t 2
 * </pre>
 *
 * (The class path file lists the dependencies only; JMH finds the benchmarks in {@code
 * benchmarks/target/classes}.) A short run: add {@code -wi 2 -i 3 -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class InMemoryBenchmark {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private final AtomicLong counter = new AtomicLong();
    private RegistrationService service;
    private Event event;
    private Baseline baseline;

    /** Fresh service and baseline per iteration, so stored data does not grow without bound. */
    @Setup(Level.Iteration)
    public void setUp() {
        ZonedDateTime start = ZonedDateTime.of(2030, 12, 11, 9, 0, 0, 0, OSLO);
        event = Event.builder(EventId.of("hot"))
                .title(LocalizedText.of("Hot"))
                .schedule(start, start.plusHours(6))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(1_000_000))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        service = RegistrationService.builder()
                .store(new InMemoryRegistrationStore())
                .clock(Clock.fixed(Instant.parse("2030-11-01T10:00:00Z"), OSLO))
                .build();
        service.console(org.eventregistration.event.OrganiserId.DEFAULT, "benchmark")
                .saveEvent(event);
        baseline = new Baseline(1_000_000);
    }

    /** The library's full registration path. */
    @Benchmark
    public RegistrationOutcome ours() {
        long n = counter.incrementAndGet();
        return service.register(RegistrationRequest.builder(event.id())
                .name("Person " + n)
                .email("p" + n + "@example.org")
                .addressVerified(true) // logged in: the same path as before address confirmation existed
                .build());
    }

    /** The least a correct in-memory registration does. */
    @Benchmark
    public boolean baseline() {
        long n = counter.incrementAndGet();
        return baseline.register("p" + n + "@example.org", "Person " + n);
    }

    /** Lock, check the counter, put in a map. */
    static final class Baseline {
        private final ReentrantLock lock = new ReentrantLock();
        private final ConcurrentHashMap<String, String> registrations = new ConcurrentHashMap<>();
        private final int seats;
        private int taken;

        Baseline(int seats) {
            this.seats = seats;
        }

        boolean register(String email, String name) {
            lock.lock();
            try {
                boolean confirmed = taken < seats;
                if (confirmed) {
                    taken++;
                }
                registrations.put(email, name);
                return confirmed;
            } finally {
                lock.unlock();
            }
        }
    }
}
