package org.eventregistration.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts the database round trips a strategy makes: every statement execution, every batch
 * ({@code executeBatch} is one), every commit and rollback. With {@code timed}, also the wall time
 * spent waiting for each kind of statement, so a run shows where the time goes on the database
 * side. A thin pass-through proxy; its cost (a counter increment per call) is the same for every
 * strategy.
 */
final class SqlStats {
    private final LongAdder roundTrips = new LongAdder();
    private final boolean timed;
    private final Map<String, long[]> byStatement = new ConcurrentHashMap<>();

    SqlStats(boolean timed) {
        this.timed = timed;
    }

    long roundTrips() {
        return roundTrips.sum();
    }

    void reset() {
        roundTrips.reset();
        byStatement.clear();
    }

    /** Prints the statements by total time spent, with counts per attempt. */
    void print(PrintWriter out, String title, int attempts) {
        if (!timed || byStatement.isEmpty()) {
            return;
        }
        long total = byStatement.values().stream().mapToLong(v -> v[1]).sum();
        out.printf(
                Locale.ROOT,
                "  sql profile %s: %.2f round trips/attempt, %.1f ms waiting on the database in all%n",
                title,
                (double) roundTrips() / attempts,
                total / 1e6);
        byStatement.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1])
                        .reversed())
                .limit(14)
                .forEach(e -> out.printf(
                        Locale.ROOT,
                        "    %6.3f/attempt %5.1f%% %7.3f ms avg  %s%n",
                        (double) e.getValue()[0] / attempts,
                        100.0 * e.getValue()[1] / Math.max(1, total),
                        e.getValue()[1] / 1e6 / Math.max(1, e.getValue()[0]),
                        e.getKey()));
        out.flush();
    }

    DataSource wrap(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(
                SqlStats.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, a) -> {
                    Object result = invoke(ds, m, a);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(
                SqlStats.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                    String name = m.getName();
                    if ((name.equals("commit") || name.equals("rollback")) && !idle(c)) {
                        return timed(name.toUpperCase(Locale.ROOT), () -> invoke(c, m, a));
                    }
                    Object result = invoke(c, m, a);
                    if (result instanceof Statement s && name.startsWith("prepare")) {
                        return statement(s, (String) a[0]);
                    }
                    if (result instanceof Statement s) {
                        return statement(s, null);
                    }
                    return result;
                });
    }

    /**
     * True if the PostgreSQL driver knows that no transaction is open: its commit and rollback then
     * send nothing (after a COMMIT sent with the last statement), so they are no round trip.
     */
    private static boolean idle(Connection c) throws SQLException {
        return c.isWrapperFor(org.postgresql.core.BaseConnection.class)
                && c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                        == org.postgresql.core.TransactionState.IDLE;
    }

    private Object statement(Statement s, String sql) {
        Class<?>[] interfaces = s instanceof java.sql.PreparedStatement
                ? new Class<?>[] {java.sql.PreparedStatement.class}
                : new Class<?>[] {Statement.class};
        InvocationHandler h = (p, m, a) -> {
            String name = m.getName();
            if (name.startsWith("execute")) {
                if (!timed) {
                    // Counting only: no look-up by the statement's text (ours sends long texts).
                    roundTrips.increment();
                    return invoke(s, m, a);
                }
                String text = sql != null ? sql : a != null && a.length > 0 && a[0] instanceof String q ? q : "(batch)";
                return timed((name.equals("executeBatch") ? "BATCH " : "") + shorten(text), () -> invoke(s, m, a));
            }
            return invoke(s, m, a);
        };
        return Proxy.newProxyInstance(SqlStats.class.getClassLoader(), interfaces, h);
    }

    private interface Call {
        Object run() throws Throwable;
    }

    private Object timed(String key, Call call) throws Throwable {
        roundTrips.increment();
        if (!timed) {
            return call.run();
        }
        long start = System.nanoTime();
        try {
            return call.run();
        } finally {
            long elapsed = System.nanoTime() - start;
            long[] v = byStatement.computeIfAbsent(key, k -> new long[2]);
            synchronized (v) {
                v[0]++;
                v[1] += elapsed;
            }
        }
    }

    private static final Map<String, String> SHORT = new ConcurrentHashMap<>();

    private static String shorten(String sql) {
        return SHORT.computeIfAbsent(sql, SqlStats::shortened);
    }

    private static String shortened(String sql) {
        String s = sql.replaceAll("\\s+", " ").replaceAll("bench\\d+_", "");
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }

    private static Object invoke(Object target, Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
