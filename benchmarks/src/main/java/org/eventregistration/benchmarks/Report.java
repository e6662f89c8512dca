package org.eventregistration.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Formats results: a table with each strategy's ratio to the floor measured in the same run. */
final class Report {
    private Report() {}

    static Optional<Double> floor(List<LoadHarness.Result> all, LoadHarness.Result r) {
        return all.stream()
                .filter(x -> x.strategy().equals("floor") && x.db().equals(r.db()) && x.scenario().equals(r.scenario())
                        && x.threads() == r.threads())
                .map(LoadHarness.Result::throughput)
                .findFirst();
    }

    static String table(List<LoadHarness.Result> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s | %-12s | %7s | %-8s | %10s | %8s | %8s | %8s%n",
                "db", "scenario", "threads", "strategy", "regs/s", "p50 ms", "p99 ms", "x floor"));
        for (LoadHarness.Result r : results) {
            b.append(String.format(Locale.ROOT, "%-8s | %-12s | %7d | %-8s | %10.0f | %8.2f | %8.2f | %8s%n",
                    r.db(), r.scenario(), r.threads(), r.strategy(), r.throughput(), r.p50Ms(), r.p99Ms(),
                    floor(results, r).map(f -> String.format(Locale.ROOT, "%.2f", r.throughput() / f)).orElse("-")));
        }
        return b.toString();
    }

    static String markdown(List<LoadHarness.Result> results, String args) {
        StringBuilder b = new StringBuilder("# Load harness results\n\n");
        b.append("Command: `mvn -q -pl benchmarks exec:exec -Dharness.args=\"").append(args).append("\"`  \n");
        b.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append("  \n");
        b.append("Generated: ").append(java.time.Instant.now()).append("\n\n");
        b.append("Throughput is registrations per second over the whole run; latency per attempt. "
                + "`x floor` is the ratio to the raw-JDBC floor measured in the same run, same database, scenario and threads.\n\n");
        b.append("| db | scenario | threads | strategy | regs/s | p50 ms | p99 ms | x floor | confirmed | waitlisted |\n");
        b.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (LoadHarness.Result r : results) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.0f | %.2f | %.2f | %s | %d | %d |%n",
                    r.db(), r.scenario(), r.threads(), r.strategy(), r.throughput(), r.p50Ms(), r.p99Ms(),
                    floor(results, r).map(f -> String.format(Locale.ROOT, "%.2f", r.throughput() / f)).orElse("-"),
                    r.confirmed(), r.waitlisted()));
        }
        b.append("\n![throughput](throughput.png)\n");
        return b.toString();
    }

    static String csv(List<LoadHarness.Result> results) {
        StringBuilder b = new StringBuilder("db,scenario,threads,strategy,throughput,p50_ms,p99_ms,confirmed,waitlisted\n");
        for (LoadHarness.Result r : results) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%.1f,%.3f,%.3f,%d,%d%n", r.db(), r.scenario(), r.threads(),
                    r.strategy(), r.throughput(), r.p50Ms(), r.p99Ms(), r.confirmed(), r.waitlisted()));
        }
        return b.toString();
    }
}
