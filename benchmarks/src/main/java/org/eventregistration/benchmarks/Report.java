package org.eventregistration.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Formats results: a table with each strategy's ratio to the floor measured in the same run. */
final class Report {
    private Report() {}

    static Optional<Double> floor(List<LoadHarness.Result> all, LoadHarness.Result r) {
        return same(all, r, "floor");
    }

    /** The throughput of another strategy in the same cell (database, scenario, threads). */
    static Optional<Double> same(List<LoadHarness.Result> all, LoadHarness.Result r, String strategy) {
        return all.stream()
                .filter(x -> x.strategy().equals(strategy)
                        && x.db().equals(r.db())
                        && x.scenario().equals(r.scenario())
                        && x.threads() == r.threads())
                .map(LoadHarness.Result::throughput)
                .findFirst();
    }

    static String table(List<LoadHarness.Result> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%-8s | %-12s | %7s | %-12s | %10s | %8s | %8s | %8s | %8s | %10s | %10s%n",
                "db",
                "scenario",
                "threads",
                "strategy",
                "regs/s",
                "p50 ms",
                "p99 ms",
                "x floor",
                "x peer",
                "trips/reg",
                "WAL B/reg"));
        for (LoadHarness.Result r : results) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-8s | %-12s | %7d | %-12s | %10.0f | %8.2f | %8.2f | %8s | %8s | %10.2f | %10s%n",
                    r.db(),
                    r.scenario(),
                    r.threads(),
                    r.strategy(),
                    r.throughput(),
                    r.p50Ms(),
                    r.p99Ms(),
                    floor(results, r)
                            .map(f -> String.format(Locale.ROOT, "%.2f", r.throughput() / f))
                            .orElse("-"),
                    ratio(results, r, "peer"),
                    r.roundTrips(),
                    wal(r)));
        }
        return b.toString();
    }

    static String markdown(List<LoadHarness.Result> results, String args) {
        StringBuilder b = new StringBuilder("# Load harness results\n\n");
        b.append("Command: `mvn -q -pl benchmarks exec:exec -Dharness.args=\"")
                .append(args)
                .append("\"`  \n");
        b.append("Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(System.getProperty("os.name"))
                .append("  \n");
        b.append("Generated: ").append(java.time.Instant.now()).append("\n\n");
        b.append("Throughput is registrations per second over the whole run; latency per attempt. "
                + "`x floor` is the ratio to the raw-JDBC floor measured in the same run, same database, scenario and threads. "
                + "`x peer` the same against the peer. "
                + "`trips/reg` counts database round trips (statements, batches, commits) per attempt; "
                + "`WAL B/reg` PostgreSQL's WAL bytes per attempt (`pg_wal_lsn_diff` of `pg_current_wal_lsn()` before and after the run). "
                + "In the `read` scenarios an attempt is one read of the event's public counts.\n\n");
        b.append(
                "| db | scenario | threads | strategy | regs/s | p50 ms | p99 ms | x floor | x peer | trips/reg | WAL B/reg | confirmed | waitlisted |\n");
        b.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadHarness.Result r : results) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %.0f | %.2f | %.2f | %s | %s | %.2f | %s | %d | %d |%n",
                    r.db(),
                    r.scenario(),
                    r.threads(),
                    r.strategy(),
                    r.throughput(),
                    r.p50Ms(),
                    r.p99Ms(),
                    floor(results, r)
                            .map(f -> String.format(Locale.ROOT, "%.2f", r.throughput() / f))
                            .orElse("-"),
                    ratio(results, r, "peer"),
                    r.roundTrips(),
                    wal(r),
                    r.confirmed(),
                    r.waitlisted()));
        }
        b.append(targets(results));
        b.append("\n![throughput](throughput.png)\n");
        return b.toString();
    }

    private static String ratio(List<LoadHarness.Result> all, LoadHarness.Result r, String strategy) {
        return same(all, r, strategy)
                .map(f -> String.format(Locale.ROOT, "%.2f", r.throughput() / f))
                .orElse("-");
    }

    private static String wal(LoadHarness.Result r) {
        return Double.isNaN(r.walBytes()) ? "-" : String.format(Locale.ROOT, "%.0f", r.walBytes());
    }

    /** The result of that run; a scenario ending in "+" matches every history size. */
    private static Optional<LoadHarness.Result> find(
            List<LoadHarness.Result> all, String db, String scenario, int threads, String strategy) {
        return all.stream()
                .filter(r -> r.db().equals(db)
                        && (r.scenario().equals(scenario)
                                || scenario.endsWith("+") && r.scenario().startsWith(scenario))
                        && r.threads() == threads
                        && r.strategy().equals(strategy))
                .findFirst();
    }

    private static void target(
            StringBuilder b,
            String what,
            Optional<LoadHarness.Result> a,
            Optional<LoadHarness.Result> over,
            double atLeast) {
        if (a.isEmpty() || over.isEmpty()) {
            return;
        }
        double ratio = a.get().throughput() / over.get().throughput();
        b.append(String.format(
                Locale.ROOT,
                "| %s | %.2f | ≥ %.1f | %s |%n",
                what,
                ratio,
                atLeast,
                ratio >= atLeast ? "met" : what.startsWith("aim:") ? "not met (an aim)" : "**not met**"));
    }

    /**
     * The targets of the storage issue (14), as ratios of results measured in this run on
     * PostgreSQL: ours against the peer in every cell of hot, hot with history, 1,000 events and
     * read (with and without history) at every thread count; against the floor on a hot event at
     * the most threads, on 1,000 events at the most threads and at one thread; the public counts
     * with history against without; and the aims (not part of the bar): ours against {@code seats}
     * on a hot event, ours with history against ours empty.
     */
    static String targets(List<LoadHarness.Result> results) {
        List<Integer> threadCounts = results.stream()
                .filter(r -> r.db().equals("postgres"))
                .map(LoadHarness.Result::threads)
                .distinct()
                .sorted()
                .toList();
        if (threadCounts.isEmpty()) {
            return "";
        }
        int most = threadCounts.get(threadCounts.size() - 1);
        int one = threadCounts.get(0);
        String pg = "postgres";
        StringBuilder b = new StringBuilder();
        for (String scenario : List.of("hot", "hot+", "1000 events", "read", "read+")) {
            for (int t : threadCounts) {
                target(
                        b,
                        label(scenario) + ", " + t + (t == 1 ? " thread" : " threads") + ": ours / peer",
                        find(results, pg, scenario, t, "ours"),
                        find(results, pg, scenario, t, "peer"),
                        1.0);
            }
        }
        target(
                b,
                "hot event, " + most + " threads: ours / floor",
                find(results, pg, "hot", most, "ours"),
                find(results, pg, "hot", most, "floor"),
                1.0);
        target(
                b,
                "1,000 events, " + most + " threads: ours / floor",
                find(results, pg, "1000 events", most, "ours"),
                find(results, pg, "1000 events", most, "floor"),
                0.5);
        for (String scenario : List.of("hot", "1000 events")) {
            target(
                    b,
                    label(scenario) + ", " + one + " thread: ours / floor",
                    find(results, pg, scenario, one, "ours"),
                    find(results, pg, scenario, one, "floor"),
                    0.5);
        }
        for (int t : threadCounts) {
            target(
                    b,
                    "public counts with history / on an empty event, " + t + (t == 1 ? " thread" : " threads")
                            + " (ours)",
                    find(results, pg, "read+", t, "ours"),
                    find(results, pg, "read", t, "ours"),
                    0.9);
        }
        target(
                b,
                "aim: hot event, " + most + " threads: ours / seats",
                find(results, pg, "hot", most, "ours"),
                find(results, pg, "hot", most, "seats"),
                1.0);
        target(
                b,
                "aim: hot event, " + most + " threads: ours with history / ours empty",
                find(results, pg, "hot+", most, "ours"),
                find(results, pg, "hot", most, "ours"),
                0.9);
        if (b.length() == 0) {
            return "";
        }
        return "\n## Targets (PostgreSQL, ratios from this run)\n\n| target | measured | wanted | |\n|---|---:|---:|---|\n"
                + b;
    }

    private static String label(String scenario) {
        return switch (scenario) {
            case "hot" -> "hot event";
            case "hot+" -> "hot event with history";
            case "1000 events" -> "1,000 events";
            case "read" -> "public counts";
            case "read+" -> "public counts with history";
            default -> scenario;
        };
    }

    static String csv(List<LoadHarness.Result> results) {
        StringBuilder b = new StringBuilder(
                "db,scenario,threads,strategy,throughput,p50_ms,p99_ms,confirmed,waitlisted,round_trips,wal_bytes\n");
        for (LoadHarness.Result r : results) {
            b.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%s,%.1f,%.3f,%.3f,%d,%d,%.3f,%.1f%n",
                    r.db(),
                    r.scenario(),
                    r.threads(),
                    r.strategy(),
                    r.throughput(),
                    r.p50Ms(),
                    r.p99Ms(),
                    r.confirmed(),
                    r.waitlisted(),
                    r.roundTrips(),
                    r.walBytes()));
        }
        return b.toString();
    }
}
