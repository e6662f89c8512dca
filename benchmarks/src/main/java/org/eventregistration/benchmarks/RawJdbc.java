package org.eventregistration.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The baselines on raw JDBC, on tables of their own: {@code bench_ledger(event_id, taken, capacity)}
 * and {@code bench_registration(id, event_id, email, status)}.
 */
abstract class RawJdbc implements Strategy {
    protected Database db;
    protected DataSource ds;
    protected Scenario scenario;

    @Override
    public void prepare(Database db, DataSource ds, Scenario scenario) throws SQLException {
        this.db = db;
        this.ds = ds;
        this.scenario = scenario;
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("drop table if exists bench_registration");
            s.execute("drop table if exists bench_ledger");
            s.execute(
                    "create table bench_ledger (event_id int primary key, taken int not null, capacity int not null)");
            s.execute("create table bench_registration (id " + db.identity()
                    + ", event_id int not null, email varchar(200) not null, status varchar(20) not null)");
            s.execute("create index bench_registration_status on bench_registration (event_id, status)");
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p =
                    c.prepareStatement("insert into bench_ledger (event_id, taken, capacity) values (?, ?, ?)")) {
                for (int e = 0; e < scenario.events(); e++) {
                    p.setInt(1, e);
                    p.setInt(2, e == 0 ? scenario.preexisting() : 0);
                    p.setInt(3, scenario.capacity());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "insert into bench_registration (event_id, email, status) values (0, ?, 'CONFIRMED')")) {
                for (int i = 0; i < scenario.preexisting(); i++) {
                    p.setString(1, "old" + i + "@example.org");
                    p.addBatch();
                    if (i % 1000 == 999) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            if (db == Database.POSTGRES) {
                s.execute("analyze bench_registration");
                s.execute("analyze bench_ledger");
            } else if (db == Database.MARIADB) {
                s.execute("analyze table bench_registration, bench_ledger");
            }
        }
    }

    @Override
    public void verify(int confirmed, int waitlisted) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            int rows = scalar(s, "select count(*) from bench_registration") - scenario.preexisting();
            Invariants.check(
                    rows == scenario.attempts(),
                    name() + ": " + rows + " rows for " + scenario.attempts() + " attempts");
            int dbConfirmed = scalar(s, "select count(*) from bench_registration where status = 'CONFIRMED'")
                    - scenario.preexisting();
            Invariants.check(
                    dbConfirmed == confirmed,
                    name() + ": " + dbConfirmed + " confirmed rows, harness saw " + confirmed);
            Invariants.check(confirmed + waitlisted == scenario.attempts(), name() + ": attempts unaccounted for");
            if (checksCapacity()) {
                try (ResultSet over = s.executeQuery("select l.event_id, l.capacity, count(r.id) from bench_ledger l"
                        + " left join bench_registration r on r.event_id = l.event_id and r.status = 'CONFIRMED'"
                        + " group by l.event_id, l.capacity having count(r.id) > l.capacity")) {
                    Invariants.check(!over.next(), name() + ": an event is over capacity");
                }
            }
            if (keepsLedger()) {
                try (ResultSet drift = s.executeQuery("select l.event_id from bench_ledger l"
                        + " left join bench_registration r on r.event_id = l.event_id and r.status = 'CONFIRMED'"
                        + " group by l.event_id, l.taken having count(r.id) <> l.taken")) {
                    Invariants.check(!drift.next(), name() + ": ledger counter differs from the rows");
                }
            }
        }
    }

    /** Whether this strategy promises capacity (the ceiling does not). */
    boolean checksCapacity() {
        return true;
    }

    /** Whether this strategy keeps bench_ledger.taken. */
    boolean keepsLedger() {
        return false;
    }

    static int scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The least a correct system must do: a conditional counter update and an insert, in one transaction. */
    static final class Floor extends RawJdbc {
        @Override
        public String name() {
            return "floor";
        }

        @Override
        boolean keepsLedger() {
            return true;
        }

        @Override
        public boolean attempt(int event, int attempt) throws SQLException {
            try (Connection c = ds.getConnection()) {
                if (db == Database.POSTGRES) {
                    // One statement, one implicit transaction.
                    c.setAutoCommit(true);
                    try (PreparedStatement p = c.prepareStatement(
                            "with upd as (update bench_ledger set taken = taken + 1 where event_id = ? and taken < capacity returning event_id)"
                                    + " insert into bench_registration (event_id, email, status)"
                                    + " select ?, ?, case when exists (select 1 from upd) then 'CONFIRMED' else 'WAITLISTED' end"
                                    + " returning status")) {
                        p.setInt(1, event);
                        p.setInt(2, event);
                        p.setString(3, "p" + attempt + "@example.org");
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            return rs.getString(1).equals("CONFIRMED");
                        }
                    }
                }
                // H2 and MariaDB have no data-modifying CTE: the same two statements in one transaction.
                c.setAutoCommit(false);
                try {
                    boolean confirmed;
                    try (PreparedStatement p = c.prepareStatement(
                            "update bench_ledger set taken = taken + 1 where event_id = ? and taken < capacity")) {
                        p.setInt(1, event);
                        confirmed = p.executeUpdate() == 1;
                    }
                    insert(c, event, attempt, confirmed);
                    c.commit();
                    return confirmed;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
        }
    }

    /** How most ticketing systems check capacity: lock the event row, count the confirmed rows, insert. */
    static final class Peer extends RawJdbc {
        @Override
        public String name() {
            return "peer";
        }

        @Override
        public boolean attempt(int event, int attempt) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    int capacity;
                    try (PreparedStatement p =
                            c.prepareStatement("select capacity from bench_ledger where event_id = ? for update")) {
                        p.setInt(1, event);
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            capacity = rs.getInt(1);
                        }
                    }
                    int taken;
                    try (PreparedStatement p = c.prepareStatement(
                            "select count(*) from bench_registration where event_id = ? and status = 'CONFIRMED'")) {
                        p.setInt(1, event);
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            taken = rs.getInt(1);
                        }
                    }
                    boolean confirmed = taken < capacity;
                    insert(c, event, attempt, confirmed);
                    c.commit();
                    return confirmed;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
        }
    }

    /** No capacity check at all: an insert per attempt. The upper bound, not a correct system. */
    static final class Ceiling extends RawJdbc {
        @Override
        public String name() {
            return "ceiling";
        }

        @Override
        boolean checksCapacity() {
            return false;
        }

        @Override
        public boolean attempt(int event, int attempt) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                insert(c, event, attempt, true);
                return true;
            }
        }
    }

    static void insert(Connection c, int event, int attempt, boolean confirmed) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("insert into bench_registration (event_id, email, status) values (?, ?, ?)")) {
            p.setInt(1, event);
            p.setString(2, "p" + attempt + "@example.org");
            p.setString(3, confirmed ? "CONFIRMED" : "WAITLISTED");
            p.executeUpdate();
        }
    }
}
