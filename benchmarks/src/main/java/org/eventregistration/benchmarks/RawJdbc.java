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
                s.execute("vacuum analyze bench_registration"); // as Ours.analyze
                s.execute("analyze bench_ledger");
                s.execute("checkpoint"); // as Ours.analyze
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
            extraChecks(s);
            if (keepsLedger()) {
                try (ResultSet drift = s.executeQuery("select l.event_id from bench_ledger l"
                        + " left join bench_registration r on r.event_id = l.event_id and r.status = 'CONFIRMED'"
                        + " group by l.event_id, l.taken having count(r.id) <> l.taken")) {
                    Invariants.check(!drift.next(), name() + ": ledger counter differs from the rows");
                }
            }
        }
    }

    /** More invariants of a strategy's own tables. */
    void extraChecks(Statement s) throws SQLException {}

    /** The public counts the way most systems read them: count the confirmed rows. */
    @Override
    public int read(int event) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement p = c.prepareStatement(
                    "select count(*) from bench_registration where event_id = ? and status = 'CONFIRMED'")) {
                p.setInt(1, event);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
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

        /** The counter. */
        @Override
        public int read(int event) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                try (PreparedStatement p = c.prepareStatement("select taken from bench_ledger where event_id = ?")) {
                    p.setInt(1, event);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            }
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

    /**
     * A row per free seat ({@code bench_seat}, filled when the event is created; a taken seat's row
     * is deleted), one statement per attempt: take any free seat that no one else is taking ({@code
     * FOR UPDATE SKIP LOCKED}), delete it, insert the registration, confirmed if a seat was taken.
     * No ledger row is locked, so concurrent registrations for one event do not wait for each
     * other. PostgreSQL only (a data-modifying CTE); the harness skips it elsewhere.
     */
    static final class Seats extends RawJdbc {
        @Override
        public String name() {
            return "seats";
        }

        @Override
        public boolean runsOn(Database db) {
            return db == Database.POSTGRES;
        }

        @Override
        public void prepare(Database db, DataSource ds, Scenario scenario) throws SQLException {
            if (!runsOn(db)) {
                throw new IllegalArgumentException("the seats strategy runs on PostgreSQL only, not on " + db.label());
            }
            super.prepare(db, ds, scenario);
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("drop table if exists bench_seat");
                s.execute(
                        "create table bench_seat (event_id int not null, seat int not null, primary key (event_id, seat))");
                // The free seats of every event, in one statement: the pre-existing registrations hold the first ones.
                try (PreparedStatement p = c.prepareStatement("insert into bench_seat (event_id, seat)"
                        + " select e, n from generate_series(0, ? - 1) e, generate_series(1, ?) n"
                        + " where e > 0 or n > ?")) {
                    p.setInt(1, scenario.events());
                    p.setInt(2, scenario.capacity());
                    p.setInt(3, scenario.preexisting());
                    p.executeUpdate();
                }
                s.execute("analyze bench_seat");
                s.execute("checkpoint"); // as Ours.analyze
            }
        }

        @Override
        public boolean attempt(int event, int attempt) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                try (PreparedStatement p = c.prepareStatement("with s as (select event_id, seat from bench_seat"
                        + " where event_id = ? limit 1 for update skip locked),"
                        + " d as (delete from bench_seat b using s where b.event_id = s.event_id and b.seat = s.seat"
                        + " returning b.seat)"
                        + " insert into bench_registration (event_id, email, status)"
                        + " select ?, ?, case when exists (select 1 from d) then 'CONFIRMED' else 'WAITLISTED' end"
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
        }

        /** Seats taken: capacity less the free seats' rows. */
        @Override
        public int read(int event) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                try (PreparedStatement p = c.prepareStatement("select count(*) from bench_seat where event_id = ?")) {
                    p.setInt(1, event);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return scenario.capacity() - rs.getInt(1);
                    }
                }
            }
        }

        /** Every seat is either free (a row) or held by a confirmed registration. */
        @Override
        void extraChecks(Statement s) throws SQLException {
            try (ResultSet wrong = s.executeQuery("select e, coalesce(f.n, 0), coalesce(r.n, 0)"
                    + " from generate_series(0, " + (scenario.events() - 1) + ") e"
                    + " left join (select event_id, count(*) n from bench_seat group by event_id) f on f.event_id = e"
                    + " left join (select event_id, count(*) n from bench_registration where status = 'CONFIRMED'"
                    + " group by event_id) r on r.event_id = e"
                    + " where coalesce(f.n, 0) + coalesce(r.n, 0) <> " + scenario.capacity())) {
                Invariants.check(
                        !wrong.next(),
                        name() + ": free seats and confirmed registrations do not add up to the capacity");
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
