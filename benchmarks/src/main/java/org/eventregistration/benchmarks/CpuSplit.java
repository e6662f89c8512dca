package org.eventregistration.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * With {@code --sql-profile} on PostgreSQL: the CPU time a run costs, split between this JVM and the
 * database's client backends (read from {@code /proc/<pid>/stat}: the harness and the database run
 * on one machine), per attempt. Where the database runs elsewhere, only the JVM's is printed.
 */
final class CpuSplit {
    private final DataSource ds;
    private final boolean postgres;
    private final long jvmStart;
    private final long backendsStart;
    private final List<Long> backends;

    private CpuSplit(DataSource ds, boolean postgres) throws SQLException {
        this.ds = ds;
        this.postgres = postgres;
        this.backends = postgres ? backendPids(ds) : List.of();
        if (postgres) {
            statements(ds, "select pg_stat_statements_reset()", null);
        }
        this.backendsStart = ticks(backends);
        this.jvmStart = jvmNanos();
    }

    static CpuSplit start(Database db, DataSource ds) throws SQLException {
        return new CpuSplit(ds, db == Database.POSTGRES);
    }

    void print(int attempts) throws SQLException {
        double jvm = (jvmNanos() - jvmStart) / 1e6 / attempts;
        String line = String.format("  CPU ms/attempt: JVM %.3f", jvm);
        if (postgres) {
            // Backends that started during the run (a pool that grew) are not counted.
            long now = ticks(backends);
            if (now >= 0 && backendsStart >= 0) {
                double db = (now - backendsStart) * 10.0 / attempts; // 100 ticks a second
                line += String.format(", PostgreSQL backends %.3f (%d backends)", db, backends.size());
            }
        }
        System.out.println(line);
        if (postgres) {
            statements(
                    ds,
                    "select calls, total_exec_time, total_plan_time, wal_bytes, shared_blks_hit + shared_blks_read,"
                            + " regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
                            + " where dbid = (select oid from pg_database where datname = current_database())"
                            + " order by total_exec_time desc limit 8",
                    attempts);
        }
    }

    /**
     * With {@code attempts}: prints pg_stat_statements' top statements per attempt (calls, execution
     * and planning ms, WAL bytes, buffers); without, runs the statement. Without the extension
     * (not in {@code shared_preload_libraries}) prints nothing.
     */
    private static void statements(DataSource ds, String sql, Integer attempts) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery(sql)) {
                while (attempts != null && rs.next()) {
                    String q = rs.getString(6);
                    System.out.printf(
                            "    pg_stat_statements %5.2f calls %6.3f ms exec %6.3f ms plan %6.0f WAL B %5.1f buffers  %s%n",
                            rs.getLong(1) / (double) attempts,
                            rs.getDouble(2) / attempts,
                            rs.getDouble(3) / attempts,
                            rs.getDouble(4) / attempts,
                            rs.getLong(5) / (double) attempts,
                            q.substring(0, Math.min(110, q.length())));
                }
            }
        } catch (SQLException e) {
            if (attempts != null) {
                System.out.println("    (pg_stat_statements is not loaded: " + e.getSQLState() + ")");
            }
        }
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<Long> backendPids(DataSource ds) throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select pid from pg_stat_activity where backend_type = 'client backend' and datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        return pids;
    }

    /** utime + stime of these processes, in clock ticks; -1 if /proc cannot be read. */
    private static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                if (!Files.exists(Path.of("/proc"))) {
                    return -1;
                }
            }
        }
        return sum;
    }
}
