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
                ratio >= atLeast ? "met" : "**not met**"));
    }

    /** The targets, as ratios of results measured in this run. */
    static String targets(List<LoadHarness.Result> results) {
        int threads = results.stream()
                .filter(r -> r.db().equals("postgres"))
                .mapToInt(LoadHarness.Result::threads)
                .max()
                .orElse(0);
        StringBuilder b = new StringBuilder();
        String pg = "postgres";
        target(
                b,
                "hot event, " + threads + " threads: ours / floor",
                find(results, pg, "hot", threads, "ours"),
                find(results, pg, "hot", threads, "floor"),
                0.7);
        target(
                b,
                "hot event, " + threads + " threads: ours / floor (aim, combining)",
                find(results, pg, "hot", threads, "ours"),
                find(results, pg, "hot", threads, "floor"),
                1.5);
        target(
                b,
                "hot event with history, " + threads + " threads: ours / peer",
                find(results, pg, "hot+", threads, "ours"),
                find(results, pg, "hot+", threads, "peer"),
                10);
        target(
                b,
                "ours with history / ours on an empty table, " + threads + " threads",
                find(results, pg, "hot+", threads, "ours"),
                find(results, pg, "hot", threads, "ours"),
                0.9);
        target(
                b,
                "public counts read with history / on an empty event, " + threads + " threads (ours)",
                find(results, pg, "read+", threads, "ours"),
                find(results, pg, "read", threads, "ours"),
                0.9);
        target(
                b,
                "many events, " + threads + " threads: ours / floor",
                find(results, pg, "1000 events", threads, "ours"),
                find(results, pg, "1000 events", threads, "floor"),
                0.7);
        if (b.length() == 0) {
            return "";
        }
        return "\n## Targets (PostgreSQL, ratios from this run)\n\n| target | measured | wanted | |\n|---|---:|---:|---|\n"
                + b;
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
