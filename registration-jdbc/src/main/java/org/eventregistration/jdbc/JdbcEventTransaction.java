package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.Notification;

/**
 * The unit of work on one event: decides what its reads ask the database and what they answer
 * from what the unit already knows. It locks the event's ledger on first use; reads go to the
 * database at once, writes are staged ({@link StagedWrites}) and sent at the end. Reads see the staged writes: a new
 * registration is found by id, e-mail and idempotency key among the staged ones first; an update
 * or a waiting-list read sends what is staged first, so the database answers with the unit's own
 * changes.
 *
 * <p>Before a staged insert, the database is asked whether the id, the active e-mail or the
 * idempotency key is taken, unless this unit of work already asked for that e-mail and key and
 * found nothing (as the service does): under the ledger lock no one else inserts a registration of
 * this event. The unique constraints remain the guard; a violation found when the writes are sent
 * fails the whole unit of work with a {@link DuplicateRegistrationException}.
 *
 * <p>Given the state the store saw last for the event ({@link UnitsOfWork.Seen}: PostgreSQL, the
 * store's own transaction), the unit of work starts from it without asking the database: the
 * event, the ledger, and e-mail addresses and idempotency keys taken to be free (the unique
 * constraints guard them). If it only needs that, its writes are sent with checks that the state
 * is still the database's, and the COMMIT, in one round trip ({@link StagedWrites#sendChecked}).
 * The first read that needs the database locks the ledger as usual and compares what it finds with
 * what was assumed; a difference, or a failed check, ends the unit of work with a {@link
 * StagedWrites.StaleState}, and it runs again under the lock.
 *
 * <p>A database failure leaves a method as a {@link SqlFailure}. Confined to one thread.
 */
final class JdbcEventTransaction implements EventTransaction {
    private final UnitsOfWork units;
    private final Sql sql;
    private final Connection c;
    private final EventId eventId;
    private final boolean lockingReads;
    private final String lockSuffix;
    private final StagedWrites staged;

    /** Null until the unit of work has locked the ledger (on its first use). */
    private Event event;

    /** E-mails and keys this unit of work found free in the database. */
    private final Set<String> freeEmails = new HashSet<>();
    /** Active registrations found by {@link #findActiveByEmails}; valid until the next update. */
    private final Map<String, Registration> knownActive = new HashMap<>();

    private final Set<String> freeKeys = new HashSet<>();
    private boolean open = true;

    /** The state this unit of work runs on without the ledger's lock; null once locked (or if none). */
    private UnitsOfWork.Seen assumed;
    /** E-mails and keys answered as free from {@link #assumed}, not asked. */
    private final Set<String> assumedFreeEmails = new HashSet<>();

    private final Set<String> assumedFreeKeys = new HashSet<>();
    /** The version of the event's row the definition came from; null if not known. */
    private String eventRow;
    /** Whether the unit of work saved a new definition. */
    private boolean definitionSaved;

    JdbcEventTransaction(
            UnitsOfWork units,
            Connection c,
            EventId eventId,
            boolean lockingReads,
            boolean commitWithWrites,
            UnitsOfWork.Seen assumed) {
        this.units = units;
        this.assumed = assumed;
        this.sql = units.sql;
        this.c = c;
        this.eventId = eventId;
        this.lockingReads = lockingReads;
        this.lockSuffix = lockingReads ? units.dialect.forUpdate() : "";
        this.staged = new StagedWrites(c, eventId, sql, units.dialect, commitWithWrites, units.marks, units.group);
    }

    /** Fails once the unit of work has ended; locks the ledger first if this is the unit's first use. */
    private void requireOpen() {
        requireNotEnded();
        if (event == null) {
            if (assumed != null) {
                startFromSeen();
            } else {
                start(List.of());
            }
        }
    }

    /** Starts from the state seen last, without a round trip. */
    private void startFromSeen() {
        event = assumed.event();
        eventRow = assumed.eventRow();
        staged.locked(assumed.ledger());
    }

    /**
     * Before a read or write that needs the database: if the unit of work runs on the state seen
     * last, locks the ledger now and checks that state, and the addresses and keys taken to be free.
     */
    private void lockNow() {
        UnitsOfWork.Seen seen = assumed;
        if (seen == null) {
            return;
        }
        assumed = null;
        LedgerRows.Locked l;
        List<Registration> found = new ArrayList<>();
        try {
            l = units.ledgers.lockInOneRoundTrip(c, eventId, List.copyOf(assumedFreeEmails), found);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        if (!found.isEmpty() || !l.ledger().equals(seen.ledger()) || !Objects.equals(l.eventRow(), seen.eventRow())) {
            throw new StagedWrites.StaleState("event " + eventId + " changed since its state was seen");
        }
        for (String key : assumedFreeKeys) {
            if (query(sql.registrationByIdempotencyKey, eventId.value(), key).isPresent()) {
                throw new StagedWrites.StaleState("idempotency key taken on event " + eventId);
            }
        }
        eventRow = l.eventRow();
    }

    /** True while the unit of work runs on the state seen last, not under the ledger's lock. */
    boolean unlocked() {
        return assumed != null;
    }

    /** The state after this unit of work's commit, for the next one; null if not known. */
    UnitsOfWork.Seen after() {
        if (event == null || eventRow == null || definitionSaved) {
            return null;
        }
        return new UnitsOfWork.Seen(event, staged.ledger(), eventRow);
    }

    private void requireNotEnded() {
        if (!open) {
            throw new IllegalStateException("the unit of work on event " + eventId + " has ended");
        }
    }

    /**
     * Locks the ledger and reads the counters and the definition. The lock is taken on the first
     * use of the unit of work rather than when it opens, so that a unit of work that begins with an
     * e-mail look-up (as the service's do) can have it answered in the same round trip as the lock,
     * where the database allows (PostgreSQL).
     */
    private void start(List<String> emails) {
        LedgerRows.Locked l;
        try {
            if (units.dialect.multiStatements() && !lockingReads) {
                List<Registration> found = new ArrayList<>();
                l = units.ledgers.lockInOneRoundTrip(c, eventId, emails, found);
                for (Registration r : found) {
                    knownActive.put(r.attendee().normalizedEmail(), r);
                }
                for (String email : emails) {
                    if (!knownActive.containsKey(email)) {
                        freeEmails.add(email);
                    }
                }
            } else {
                l = units.ledgers.lock(c, eventId, lockingReads);
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        event = l.event();
        eventRow = l.eventRow();
        staged.locked(l.ledger());
    }

    /**
     * Sends everything staged (locking the ledger first if the unit never used it); the unit of work
     * then commits. A unit of work on the state seen last sends its writes with their checks and
     * the COMMIT; if it wrote nothing, its answers are checked under the lock.
     */
    void finish() throws SQLException {
        requireOpen();
        if (assumed != null) {
            if (staged.isEmpty()) {
                lockNow();
                return;
            }
            // Free addresses and keys that no new registration took (its insert would meet the
            // unique constraint instead) are checked with the writes.
            List<String> emails = new ArrayList<>();
            for (String email : assumedFreeEmails) {
                if (staged.insertedWithEmail(email) == null) {
                    emails.add(email);
                }
            }
            List<String> keys = new ArrayList<>();
            for (String key : assumedFreeKeys) {
                if (staged.insertedWithKey(key) == null) {
                    keys.add(key);
                }
            }
            staged.sendChecked(eventRow, emails, keys);
            return;
        }
        staged.send();
    }

    /** Ends the unit of work: every method fails from now on. */
    void end() {
        open = false;
    }

    @Override
    public Event event() {
        requireOpen();
        return event;
    }

    @Override
    public Ledger ledger() {
        requireOpen();
        return staged.ledger();
    }

    @Override
    public void updateLedger(Ledger next) {
        requireOpen();
        Objects.requireNonNull(next, "ledger");
        if (!next.eventId().equals(eventId)) {
            throw new IllegalArgumentException(
                    "ledger of " + next.eventId() + " given to a unit of work on " + eventId);
        }
        Ledger ledger = staged.ledger();
        if (next.version() <= ledger.version()) {
            throw new IllegalArgumentException(
                    "ledger version must grow: " + ledger.version() + " -> " + next.version());
        }
        staged.ledger(next); // written by finish()
    }

    private Optional<Registration> query(String statement, String... args) {
        requireOpen();
        lockNow();
        try {
            return RegistrationRows.one(c, statement + lockSuffix, args);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private void sendInsertsNow() {
        lockNow();
        try {
            staged.sendInserts();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public Optional<Registration> findRegistration(RegistrationId id) {
        requireOpen();
        Registration inserted = staged.inserted(id);
        return inserted != null ? Optional.of(inserted) : query(sql.registrationInEvent, id.value(), eventId.value());
    }

    @Override
    public Optional<Registration> findActiveByEmail(String normalizedEmail) {
        requireOpen();
        Registration inserted = staged.insertedWithEmail(normalizedEmail);
        if (inserted != null) {
            return Optional.of(inserted);
        }
        Registration known = knownActive.get(normalizedEmail);
        if (known != null) {
            return Optional.of(known);
        }
        if (freeEmails.contains(normalizedEmail)) {
            return Optional.empty(); // found free earlier in this unit, and nothing changed since
        }
        if (assumed != null) {
            assumedFreeEmails.add(normalizedEmail); // the unique constraint guards it
            freeEmails.add(normalizedEmail);
            return Optional.empty();
        }
        Optional<Registration> found = query(sql.registrationByEmail, eventId.value(), normalizedEmail);
        if (found.isEmpty()) {
            freeEmails.add(normalizedEmail);
        }
        return found;
    }

    /** One query (per 100 addresses) for a combined batch; remembers what it found for the look-ups that follow. */
    @Override
    public Map<String, Registration> findActiveByEmails(Collection<String> normalizedEmails) {
        requireNotEnded();
        LinkedHashSet<String> distinct = new LinkedHashSet<>(normalizedEmails);
        if (event == null) {
            if (assumed != null) {
                startFromSeen();
            } else {
                start(List.copyOf(distinct)); // answers them too, where the database allows
            }
        }
        Map<String, Registration> result = new HashMap<>();
        List<String> ask = new ArrayList<>();
        for (String email : distinct) {
            Registration inserted = staged.insertedWithEmail(email);
            if (inserted != null) {
                result.put(email, inserted);
            } else if (knownActive.containsKey(email)) {
                result.put(email, knownActive.get(email));
            } else if (assumed != null) {
                assumedFreeEmails.add(email); // the unique constraint guards it
                freeEmails.add(email);
            } else if (!freeEmails.contains(email)) {
                ask.add(email);
            }
        }
        for (int from = 0; from < ask.size(); from += 100) {
            List<String> chunk = ask.subList(from, Math.min(ask.size(), from + 100));
            String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(
                    sql.registrationByEmail.replace("active_email = ?", "active_email IN (" + in + ")") + lockSuffix)) {
                ps.setString(1, eventId.value());
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                for (Registration r : RegistrationRows.list(ps)) {
                    String email = r.attendee().normalizedEmail();
                    knownActive.put(email, r);
                    result.put(email, r);
                }
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
            for (String email : chunk) {
                if (!knownActive.containsKey(email)) {
                    freeEmails.add(email);
                }
            }
        }
        return result;
    }

    @Override
    public Optional<Registration> findByIdempotencyKey(String idempotencyKey) {
        requireOpen();
        Registration inserted = staged.insertedWithKey(idempotencyKey);
        if (inserted != null) {
            return Optional.of(inserted);
        }
        if (assumed != null) {
            assumedFreeKeys.add(idempotencyKey); // the unique constraint guards it
            freeKeys.add(idempotencyKey);
            return Optional.empty();
        }
        Optional<Registration> found = query(sql.registrationByIdempotencyKey, eventId.value(), idempotencyKey);
        if (found.isEmpty()) {
            freeKeys.add(idempotencyKey);
        }
        return found;
    }

    @Override
    public List<Registration> waitingList(long afterSequence, int limit) {
        requireOpen();
        if (limit <= 0) {
            return List.of();
        }
        lockNow();
        sendInsertsNow(); // staged waitlisted registrations count too
        try (PreparedStatement ps = c.prepareStatement(sql.waitingList + lockSuffix)) {
            ps.setString(1, eventId.value());
            ps.setLong(2, afterSequence);
            ps.setInt(3, limit);
            return RegistrationRows.list(ps);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public List<Registration> registrations(Set<RegistrationStatus> statuses) {
        requireOpen();
        if (statuses.isEmpty()) {
            return List.of();
        }
        lockNow();
        sendInsertsNow(); // staged registrations count too
        String in = String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"));
        String statement = sql.registrationsOfEvent.replace(" ORDER BY", " AND status IN (" + in + ") ORDER BY");
        try (PreparedStatement ps = c.prepareStatement(statement + lockSuffix)) {
            ps.setString(1, eventId.value());
            int i = 2;
            for (RegistrationStatus status : statuses) {
                ps.setString(i++, status.name());
            }
            return RegistrationRows.list(ps);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public void saveEvent(Event changed) {
        requireOpen();
        Objects.requireNonNull(changed, "event");
        if (!changed.id().equals(eventId)) {
            throw new IllegalArgumentException(
                    "definition of " + changed.id() + " saved in a unit of work on " + eventId);
        }
        lockNow();
        try {
            units.events.update(c, changed);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        event = changed;
        definitionSaved = true;
    }

    @Override
    public void insert(Registration r) {
        requireOpen();
        Objects.requireNonNull(r, "registration");
        if (!r.eventId().equals(eventId)) {
            throw new IllegalArgumentException(
                    "registration of " + r.eventId() + " inserted in a unit of work on " + eventId);
        }
        String activeEmail = RegistrationRows.activeEmail(r);
        String key = r.idempotencyKey().orElse(null);
        if (staged.inserted(r.id()) != null) {
            throw new DuplicateRegistrationException("registration " + r.id() + " already exists");
        }
        if (activeEmail != null && staged.insertedWithEmail(activeEmail) != null) {
            throw new DuplicateRegistrationException(
                    "event " + eventId + " already has an active registration for this e-mail");
        }
        if (key != null && staged.insertedWithKey(key) != null) {
            throw new DuplicateRegistrationException(
                    "event " + eventId + " already has a registration with this idempotency key");
        }
        boolean knownFree =
                (activeEmail == null || freeEmails.contains(activeEmail)) && (key == null || freeKeys.contains(key));
        if (!knownFree) {
            checkConflicts(r, activeEmail, key);
        }
        staged.insert(r, activeEmail, key);
        if (activeEmail != null) {
            freeEmails.remove(activeEmail);
        }
        if (key != null) {
            freeKeys.remove(key);
        }
    }

    /**
     * Asks the database whether the id, the active e-mail or the key is taken, so that a duplicate
     * leaves the transaction usable (PostgreSQL aborts a transaction on a constraint violation);
     * the unique constraints remain the guard.
     */
    private void checkConflicts(Registration r, String activeEmail, String key) {
        lockNow();
        try (PreparedStatement ps = c.prepareStatement(sql.registrationConflicts + lockSuffix)) {
            ps.setString(1, r.id().value());
            ps.setString(2, eventId.value());
            Columns.setString(ps, 3, activeEmail);
            ps.setString(4, eventId.value());
            Columns.setString(ps, 5, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals(r.id().value())) {
                        throw new DuplicateRegistrationException("registration " + r.id() + " already exists");
                    }
                    if (activeEmail != null && activeEmail.equals(rs.getString(3))) {
                        throw new DuplicateRegistrationException(
                                "event " + eventId + " already has an active registration for this e-mail");
                    }
                    if (key != null && key.equals(rs.getString(4))) {
                        throw new DuplicateRegistrationException(
                                "event " + eventId + " already has a registration with this idempotency key");
                    }
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public void update(Registration r) {
        requireOpen();
        Objects.requireNonNull(r, "registration");
        lockNow();
        sendInsertsNow(); // the row may be a staged one; and keep the order of the changes
        // An update may make a registration active again: what was found free may not be.
        freeEmails.clear();
        freeKeys.clear();
        knownActive.clear();
        int updated;
        try (PreparedStatement ps = c.prepareStatement(sql.updateRegistration)) {
            RegistrationRows.bind(ps, r);
            updated = ps.executeUpdate();
        } catch (SQLException e) {
            throw unique(e, r);
        }
        if (updated == 0) {
            if (!r.eventId().equals(eventId)) {
                throw new IllegalArgumentException("a registration cannot move to another event");
            }
            Optional<Registration> elsewhere;
            try {
                elsewhere = RegistrationRows.one(c, sql.registrationById, r.id().value());
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
            if (elsewhere.isPresent()) {
                throw new IllegalArgumentException("a registration cannot move to another event");
            }
            throw new RegistrationNotFoundException(r.id());
        }
    }

    private RuntimeException unique(SQLException e, Registration r) {
        if (units.dialect.isUniqueViolation(e)) {
            return new DuplicateRegistrationException(
                    "registration " + r.id() + " of event " + eventId
                            + " would duplicate an id, an active e-mail or an idempotency key",
                    e.getSQLState(),
                    e);
        }
        return new SqlFailure(e);
    }

    @Override
    public void audit(AuditEntry entry) {
        requireOpen();
        Objects.requireNonNull(entry, "entry");
        if (!entry.eventId().filter(eventId::equals).isPresent()) {
            throw new IllegalArgumentException(
                    "audit entry of " + entry.eventId().orElse(null) + " written in a unit of work on " + eventId);
        }
        lockNow();
        try {
            units.privacy.insertAudit(c, entry);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public void publish(Notification n) {
        requireOpen();
        Objects.requireNonNull(n, "notification");
        if (n.messageId().isEmpty()) {
            staged.publish(n); // written by finish()
            return;
        }
        // An organiser's message (never on the registration path): written at once, with its message id.
        lockNow();
        try (PreparedStatement ps = c.prepareStatement(sql.insertOutboxWithMessage)) {
            ps.setString(1, n.id());
            ps.setString(2, n.kind().name());
            ps.setString(3, n.eventId().value());
            ps.setString(4, n.registrationId().value());
            ps.setObject(5, Columns.utc(n.occurredAt()));
            ps.setString(6, n.messageId().get());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }
}
