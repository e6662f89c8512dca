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
            double roundTrips,
            double walBytes) {}

    /**
     * Entry point. Options: {@code --db h2,postgres,mariadb}, {@code --threads 1,4,16}, {@code
     * --attempts 4000}, {@code --history 100000}, {@code --events 1000}, {@code --scenarios
     * hot,history,many,read} ({@code read}: the public page's read of one event's counts, 25
     * times {@code --attempts} reads, once on an empty event and once with {@code --history}
     * registrations stored), {@code --strategies ours,floor,peer,ceiling} (also {@code spring},
     * {@code spring-tx}: through the Spring Boot starter, outside and inside a caller's
     * transaction; {@code ours-confirm}: ours with address confirmation on; {@code ours-locked}: ours
     * with every unit of work under the ledger's lock, as before it could run on the state seen
     * last; {@code ours-alone}: ours with every unit of work a transaction of its own, none sharing
     * a COMMIT with units of work on other events; {@code seats}: a row per
     * free seat taken with {@code SKIP LOCKED}, PostgreSQL only), {@code --rounds 3} (the median of the rounds is
     * reported), {@code --warmup 4000} (attempts of each unrecorded warm-up run: three rounds of every
     * strategy, every path of the plan's scenarios, every thread count, before anything is measured), {@code --plan "postgres=hot,history,many@1,4,16;h2=hot@1,16"} (instead of {@code --db},
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
        int warmup = Integer.parseInt(option(args, "--warmup", "4000").get(0));

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
                    // Warm up the JIT, the pool and the database's caches; not recorded. Every path
                    // measured, at every thread count measured (one thread takes other paths than
                    // many: nothing is combined or grouped), in three rounds round-robin over the
                    // strategies, as the measured rounds run. With less, the first measured rounds
                    // measured the compiler: its last tier waits for thousands of calls, and every
                    // run starts a new store (fresh tables) whose first calls take branches the
                    // compiled code had not seen, which sends it back to be compiled again until
                    // the JIT has seen them a few times (on 2 cores, a C2 compile of one of the
                    // larger methods takes 0.1 to 0.7 s of CPU from the run).
                    for (int round = 0; round < 3; round++) {
                        for (String name : strategyNames) {
                            if (!Strategies.create(name).runsOn(db)) {
                                if (round == 0) {
                                    System.out.printf(
                                            Locale.ROOT,
                                            "strategy %s does not run on %s: skipped there%n",
                                            name,
                                            db.label());
                                }
                                continue;
                            }
                            for (Scenario path : warmUps(plan.scenarios(), warmup, events)) {
                                for (int t : plan.threads()) {
                                    run(db, ds, path, t, Strategies.create(name), false);
                                }
                            }
                        }
                    }
                    for (Scenario scenario : plan.scenarios().stream()
                            .flatMap(name -> scenarios(name.trim(), attempts, history, events).stream())
                            .toList()) {
                        for (int t : plan.threads()) {
                            // Round-robin over the strategies, several rounds; keep each one's median run,
                            // so a burst of noise on the shared machine hits all strategies alike.
                            java.util.Map<String, List<Result>> runs = new java.util.LinkedHashMap<>();
                            for (int round = 0; round < rounds; round++) {
                                for (String name : strategyNames) {
                                    if (!Strategies.create(name).runsOn(db)) {
                                        continue;
                                    }
                                    Result r = run(db, ds, scenario, t, Strategies.create(name), sqlProfile);
                                    runs.computeIfAbsent(name, k -> new ArrayList<>())
                                            .add(r);
                                    System.out.printf(
                                            Locale.ROOT,
                                            "%-8s %-12s %3d threads %-12s %9.0f/s p50 %7.2f ms p99 %7.2f ms %6.2f round trips/attempt %8.0f WAL bytes/attempt%n",
                                            r.db(),
                                            r.scenario(),
                                            r.threads(),
                                            r.strategy(),
                                            r.throughput(),
                                            r.p50Ms(),
                                            r.p99Ms(),
                                            r.roundTrips(),
                                            r.walBytes());
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

    /**
     * The warm-up runs for the scenarios of a plan: one per path the scenarios take (one hot event,
     * with or without history; many events; the public counts), {@code attempts} attempts each
     * (reads: five times as many, a read being cheaper), on empty tables.
     */
    static List<Scenario> warmUps(List<String> scenarios, int attempts, int events) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String s : scenarios) {
            names.add(s.trim().equals("history") ? "hot" : s.trim());
        }
        List<Scenario> runs = new ArrayList<>();
        for (String name : names) {
            runs.add(
                    switch (name) {
                        case "hot" -> Scenario.hot(attempts);
                        case "many" -> Scenario.manyEvents(attempts, events);
                        case "read" -> Scenario.read(attempts * 5, 0);
                        default ->
                            throw new IllegalArgumentException(
                                    "unknown scenario " + name + " (hot, history, many, read)");
                    });
        }
        return runs;
    }

    static List<Scenario> scenarios(String name, int attempts, int history, int events) {
        return switch (name) {
            case "hot" -> List.of(Scenario.hot(attempts));
            case "history" -> List.of(Scenario.hotWithHistory(attempts, history));
            case "many" -> List.of(Scenario.manyEvents(attempts, events));
            // 25 times the attempts: a read takes a twentieth of a registration, and a run of a fraction
            // of a second measured scheduling and JIT noise more than the read.
            case "read" -> List.of(Scenario.read(attempts * 25, 0), Scenario.read(attempts * 25, history));
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (hot, history, many, read)");
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
        // WAL written during the run (the whole server's: the harness holds the database alone).
        String walBefore = db == Database.POSTGRES ? walPosition(connections) : null;
        CpuSplit cpu = sqlProfile ? CpuSplit.start(db, connections) : null;
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
                    if (scenario.read()) {
                        int taken = strategy.read(event);
                        latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                        Invariants.check(
                                taken == scenario.preexisting(),
                                strategy.name() + ": read " + taken + " seats taken, " + scenario.preexisting()
                                        + " stored");
                        continue;
                    }
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
        double walBytes =
                walBefore == null ? Double.NaN : (double) walSince(connections, walBefore) / scenario.attempts();
        if (cpu != null) {
            cpu.print(scenario.attempts());
        }
        if (walBefore != null && sqlProfile) {
            // For pg_waldump --stats=record --start <from> --end <to>: what the WAL bytes are made of.
            System.out.printf("  WAL range %s %s%n", walBefore, walPosition(connections));
        }
        double roundTrips = (double) sql.roundTrips() / scenario.attempts();
        sql.print(
                new java.io.PrintWriter(System.out),
                db.label() + " " + scenario.name() + " " + threads + " threads " + strategy.name(),
                scenario.attempts());
        if (!scenario.read()) {
            strategy.verify(confirmed.get(), waitlisted.get());
        }
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
                roundTrips,
                walBytes);
    }

    /** PostgreSQL's current WAL position. */
    private static String walPosition(javax.sql.DataSource ds) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** WAL bytes written since {@code before}. */
    private static long walSince(javax.sql.DataSource ds, String before) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection();
                java.sql.PreparedStatement p =
                        c.prepareStatement("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint")) {
            p.setString(1, before);
            try (java.sql.ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
            ALL.put("ours-confirm", () -> new Ours(true, false));
            ALL.put("ours-locked", () -> new Ours(false, true));
            ALL.put("ours-alone", () -> new Ours(false, false, true));
            ALL.put("spring", () -> new SpringStarter(false));
            ALL.put("spring-tx", () -> new SpringStarter(true));
            ALL.put("floor", RawJdbc.Floor::new);
            ALL.put("peer", RawJdbc.Peer::new);
            ALL.put("ceiling", RawJdbc.Ceiling::new);
            ALL.put("seats", RawJdbc.Seats::new);
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
