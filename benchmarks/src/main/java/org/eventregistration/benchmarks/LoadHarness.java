package org.eventregistration.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load harness: the minute registration opens for a popular event, measured for each strategy
 * side by side in one run, on each database, with the same pool settings.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * mvn -q -pl benchmarks exec:exec -Dharness.args="--plan postgres=hot,history,many@1,4,16;h2=hot@1,16;mariadb=hot@1,16 --attempts 2000 --rounds 3"
 * </pre>
 *
 * <p>Every run ends with an invariant check (nothing over capacity, counters equal rows, every
 * attempt accounted for); a broken invariant stops the harness with exit code 2. Results are
 * printed and written to {@code benchmarks/results/}. The documented run and its results: {@code benchmarks/README.md}.
 */
public final class LoadHarness {
    private LoadHarness() {}

    /** A measured run. */
    record Result(
            String db,
            String scenario,
            int threads,
            String strategy,
            double throughput,
            double p50Ms,
            double p99Ms,
            int confirmed,
            int waitlisted,
            double roundTrips) {}

    /**
     * Entry point. Options: {@code --db h2,postgres,mariadb}, {@code --threads 1,4,16}, {@code
     * --attempts 4000}, {@code --history 100000}, {@code --events 1000}, {@code --scenarios hot,history,many},
     * {@code --strategies ours,floor,peer,ceiling} (also {@code spring}, {@code spring-tx}: through
     * the Spring Boot starter, outside and inside a caller's transaction), {@code --rounds 3} (the median of the rounds is
     * reported), {@code --plan "postgres=hot,history,many@1,4,16;h2=hot@1,16"} (instead of {@code --db},
     * {@code --scenarios} and {@code --threads}: per database), {@code --out benchmarks/results}, {@code --sql-profile} (print the time spent per
     * statement after every run).
     */
    public static void main(String[] rawArgs) throws Exception {
        List<String> args = new ArrayList<>();
        for (String a : rawArgs) {
            args.addAll(Arrays.asList(a.trim().split("\\s+")));
        }
        args.removeIf(String::isEmpty);
        List<Database> dbs =
                option(args, "--db", "h2").stream().map(Database::parse).toList();
        List<Integer> threads = option(args, "--threads", "1,4,16").stream()
                .map(Integer::parseInt)
                .toList();
        int attempts = Integer.parseInt(option(args, "--attempts", "4000").get(0));
        int history = Integer.parseInt(option(args, "--history", "100000").get(0));
        int events = Integer.parseInt(option(args, "--events", "1000").get(0));
        List<String> scenarioNames = option(args, "--scenarios", "hot,history,many");
        List<String> strategyNames = option(args, "--strategies", String.join(",", Strategies.names()));
        Path out = Path.of(option(args, "--out", "benchmarks/results").get(0));
        int rounds = Integer.parseInt(option(args, "--rounds", "3").get(0));
        boolean sqlProfile = args.remove("--sql-profile");

        // What runs where: --plan "postgres=hot,history,many@1,4,16;h2=hot@1,16", or every --db with the
        // same --scenarios and --threads.
        List<Plan> plans = new ArrayList<>();
        if (args.contains("--plan")) {
            for (String entry : args.get(args.indexOf("--plan") + 1).split(";")) {
                String[] dbAndRest = entry.trim().split("=");
                String[] scenariosAndThreads = dbAndRest[1].split("@");
                plans.add(new Plan(
                        Database.parse(dbAndRest[0].trim()),
                        List.of(scenariosAndThreads[0].split(",")),
                        Arrays.stream(scenariosAndThreads[1].split(","))
                                .map(String::trim)
                                .map(Integer::parseInt)
                                .toList()));
            }
        } else {
            for (Database db : dbs) {
                plans.add(new Plan(db, scenarioNames, threads));
            }
        }

        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, java %s, %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Instant.now());
        List<Result> results = new ArrayList<>();
        try {
            for (Plan plan : plans) {
                Database db = plan.db();
                // As many connections as client threads (at least two: Flyway holds two while it migrates).
                int pool = Math.max(
                        2,
                        plan.threads().stream()
                                .mapToInt(Integer::intValue)
                                .max()
                                .orElse(16));
                try (HikariDataSource ds = db.pool(pool)) {
                    // Warm up the JIT, the pool and the database's caches; not recorded.
                    for (String name : strategyNames) {
                        run(
                                db,
                                ds,
                                Scenario.hot(Math.max(100, attempts / 4)),
                                Math.min(4, pool),
                                Strategies.create(name),
                                false);
                    }
                    for (String scenarioName : plan.scenarios()) {
                        Scenario scenario = scenario(scenarioName.trim(), attempts, history, events);
                        for (int t : plan.threads()) {
                            // Round-robin over the strategies, several rounds; keep each one's median run,
                            // so a burst of noise on the shared machine hits all strategies alike.
                            java.util.Map<String, List<Result>> runs = new java.util.LinkedHashMap<>();
                            for (int round = 0; round < rounds; round++) {
                                for (String name : strategyNames) {
                                    Result r = run(db, ds, scenario, t, Strategies.create(name), sqlProfile);
                                    runs.computeIfAbsent(name, k -> new ArrayList<>())
                                            .add(r);
                                    System.out.printf(
                                            Locale.ROOT,
                                            "%-8s %-12s %3d threads %-8s %9.0f/s p50 %7.2f ms p99 %7.2f ms %6.2f round trips/attempt%n",
                                            r.db(),
                                            r.scenario(),
                                            r.threads(),
                                            r.strategy(),
                                            r.throughput(),
                                            r.p50Ms(),
                                            r.p99Ms(),
                                            r.roundTrips());
                                }
                            }
                            for (List<Result> rs : runs.values()) {
                                List<Result> sorted = rs.stream()
                                        .sorted(java.util.Comparator.comparingDouble(Result::throughput))
                                        .toList();
                                results.add(sorted.get(sorted.size() / 2));
                            }
                        }
                    }
                }
            }
        } catch (Invariants.InvariantViolation e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        String table = Report.table(results);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), Report.markdown(results, String.join(" ", rawArgs)));
        Files.writeString(out.resolve("results.csv"), Report.csv(results));
        Chart.write(results, out.resolve("throughput.png"));
        System.out.println("written: " + out.resolve("results.md") + ", results.csv, throughput.png");
    }

    /** One database with its scenarios and thread counts. */
    record Plan(Database db, List<String> scenarios, List<Integer> threads) {}

    static Scenario scenario(String name, int attempts, int history, int events) {
        return switch (name) {
            case "hot" -> Scenario.hot(attempts);
            case "history" -> Scenario.hotWithHistory(attempts, history);
            case "many" -> Scenario.manyEvents(attempts, events);
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (hot, history, many)");
        };
    }

    static Result run(
            Database db,
            javax.sql.DataSource connections,
            Scenario scenario,
            int threads,
            Strategy strategy,
            boolean sqlProfile)
            throws Exception {
        // Every strategy's connections pass through the same counting proxy.
        SqlStats sql = new SqlStats(sqlProfile);
        javax.sql.DataSource ds = sql.wrap(connections);
        strategy.prepare(db, ds, scenario);
        sql.reset();
        Histogram latency = new ConcurrentHistogram(3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger confirmed = new AtomicInteger();
        AtomicInteger waitlisted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = 42L * (t + 1);
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                go.await();
                int i;
                while ((i = next.getAndIncrement()) < scenario.attempts()) {
                    int event = scenario.events() == 1 ? 0 : random.nextInt(scenario.events());
                    long start = System.nanoTime();
                    boolean ok = strategy.attempt(event, i);
                    latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                    (ok ? confirmed : waitlisted).incrementAndGet();
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        try {
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        double roundTrips = (double) sql.roundTrips() / scenario.attempts();
        sql.print(
                new java.io.PrintWriter(System.out),
                db.label() + " " + scenario.name() + " " + threads + " threads " + strategy.name(),
                scenario.attempts());
        strategy.verify(confirmed.get(), waitlisted.get());
        if (strategy instanceof AutoCloseable closeable) {
            closeable.close();
        }
        double seconds = elapsed.toNanos() / 1e9;
        return new Result(
                db.label(),
                scenario.name(),
                threads,
                strategy.name(),
                scenario.attempts() / seconds,
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                confirmed.get(),
                waitlisted.get(),
                roundTrips);
    }

    private static List<String> option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        String value = i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The strategies by name. */
    static final class Strategies {
        private static final java.util.Map<String, Supplier<Strategy>> ALL = new java.util.LinkedHashMap<>();

        static {
            ALL.put("ours", Ours::new);
            ALL.put("spring", () -> new SpringStarter(false));
            ALL.put("spring-tx", () -> new SpringStarter(true));
            ALL.put("floor", RawJdbc.Floor::new);
            ALL.put("peer", RawJdbc.Peer::new);
            ALL.put("ceiling", RawJdbc.Ceiling::new);
        }

        private Strategies() {}

        static List<String> names() {
            return List.copyOf(ALL.keySet());
        }

        static Strategy create(String name) {
            Supplier<Strategy> s = ALL.get(name);
            if (s == null) {
                throw new IllegalArgumentException("unknown strategy " + name + " " + ALL.keySet());
            }
            return s.get();
        }
    }
}
