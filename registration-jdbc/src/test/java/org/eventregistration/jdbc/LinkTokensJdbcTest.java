package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Link tokens on real databases: two nodes minting links for one registration at once keep at most
 * a few more than the limit and never lose the newest; the tables hold hashes only.
 */
class LinkTokensJdbcTest {
    private static final int THREADS_PER_NODE = 4;
    private static final int SAVES_PER_THREAD = 25;

    static Stream<Arguments> databasesAndLimits() {
        return TestDatabases.all().flatMap(db -> Stream.of(Arguments.of(db, 5), Arguments.of(db, 1)));
    }

    @ParameterizedTest(
            name = "[{0}] 2 nodes x 4 threads save links of one registration at once, maxLive {1}:"
                    + " the newest kept, at most maxLive + threads - 1, trimmed by the next save")
    @MethodSource("databasesAndLimits")
    void concurrentSaves(TestDatabases.TestDatabase db, int maxLive) throws Exception {
        try (Tables tables = new Tables(db, 2 * THREADS_PER_NODE + 2)) {
            List<JdbcRegistrationStore> nodes = List.of(tables.store(), tables.store());
            Event event = Fixtures.event("links", 10);
            nodes.get(0).saveEvent(event);
            Registration r = Fixtures.confirmed(event.id(), "kari@example.org");
            nodes.get(0).inTransaction(event.id(), tx -> {
                tx.insert(r);
                return null;
            });
            LinkToken other = token(r, LinkPurpose.DATA_REQUEST, Fixtures.NOW);
            nodes.get(1).saveLinkToken(other, maxLive);

            // Every save a creation time of its own, one microsecond apart, in the order they are made.
            AtomicLong clock = new AtomicLong();
            Map<String, LinkToken> saved = new ConcurrentHashMap<>();
            ExecutorService executor = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (JdbcRegistrationStore node : nodes) {
                    for (int t = 0; t < THREADS_PER_NODE; t++) {
                        futures.add(executor.submit(() -> {
                            go.await();
                            for (int i = 0; i < SAVES_PER_THREAD; i++) {
                                LinkToken token = token(
                                        r, LinkPurpose.MANAGE, Fixtures.NOW.plusNanos(1000 * clock.incrementAndGet()));
                                node.saveLinkToken(token, maxLive);
                                saved.put(token.hash(), token);
                            }
                            return null;
                        }));
                    }
                }
                go.countDown();
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
            }
            int threads = 2 * THREADS_PER_NODE;
            List<String> left = hashes(tables, r, LinkPurpose.MANAGE);
            assertThat(left).isNotEmpty().hasSizeLessThanOrEqualTo(maxLive + threads - 1);
            assertThat(saved.keySet()).containsAll(left);
            if (maxLive > 1) {
                LinkToken newest = saved.values().stream()
                        .max(java.util.Comparator.comparing(LinkToken::createdAt))
                        .orElseThrow();
                assertThat(nodes.get(0).findLinkToken(newest.hash())).contains(newest);
            }
            // Another purpose of the same registration is left alone.
            assertThat(nodes.get(0).findLinkToken(other.hash())).contains(other);

            // The next save, alone, trims to the limit and keeps itself and the newest before it.
            LinkToken last = token(r, LinkPurpose.MANAGE, Fixtures.NOW.plusSeconds(60));
            nodes.get(1).saveLinkToken(last, maxLive);
            List<String> trimmed = hashes(tables, r, LinkPurpose.MANAGE);
            assertThat(trimmed).hasSize(maxLive).contains(last.hash());
            List<String> newestBefore = saved.values().stream()
                    .sorted(java.util.Comparator.comparing(LinkToken::createdAt).reversed())
                    .filter(t -> left.contains(t.hash()))
                    .limit(maxLive - 1)
                    .map(LinkToken::hash)
                    .toList();
            assertThat(trimmed).containsAll(newestBefore);
            assertThat(hashes(tables, r, LinkPurpose.DATA_REQUEST)).containsExactly(other.hash());
        }
    }

    private static LinkToken token(Registration r, LinkPurpose purpose, Instant createdAt) {
        String hash = ManageToken.generate(new SecureRandom()).hash();
        return new LinkToken(hash, purpose, r.id(), r.eventId(), createdAt, createdAt.plus(Duration.ofDays(30)));
    }

    /** The hashes of the stored tokens of one registration and purpose, oldest first, read in SQL. */
    private static List<String> hashes(Tables tables, Registration r, LinkPurpose purpose) throws Exception {
        List<String> hashes = new ArrayList<>();
        try (Connection c = tables.pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM " + tables.prefix
                        + "link_token WHERE registration_id = ? AND purpose = ? ORDER BY created_at, token_hash")) {
            ps.setString(1, r.id().value());
            ps.setString(2, purpose.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
        }
        return hashes;
    }

    @ParameterizedTest(
            name = "[{0}] the links a person is sent work through the store, and only their hashes are stored")
    @MethodSource("org.eventregistration.jdbc.TestDatabases#all")
    void onlyHashesAreStored(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            List<Delivery.Link> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            RegistrationService service = Tables.service(tables.store(), new RegistrationListener() {
                @Override
                public void onNotification(Notification notification) {}

                @Override
                public void onDelivery(Delivery delivery) {
                    delivery.link().ifPresent(sent::add);
                }
            });
            Event event = Tables.event("hashes", 5);
            service.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            assertThat(service.register(Tables.unverified(event, "kari", "k1")))
                    .isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
            assertThat(sent)
                    .singleElement()
                    .satisfies(l -> assertThat(l.purpose()).isEqualTo(LinkPurpose.CONFIRM_ADDRESS));
            Registration confirmed = service.confirmAddress(sent.get(0).token());
            assertThat(confirmed.addressConfirmed()).isTrue();
            service.requestLink(event.id(), "kari@example.org");
            assertThat(sent).extracting(Delivery.Link::purpose).contains(LinkPurpose.MANAGE);

            JdbcRegistrationStore store = tables.store();
            for (Delivery.Link link : sent) {
                assertThat(PersonalDataJdbcTest.rowsContaining(
                                tables, link.token().value()))
                        .as("the database holds no plain link token")
                        .isEmpty();
                assertThat(store.findLinkToken(link.token().hash()))
                        .hasValueSatisfying(t -> assertThat(t.registrationId()).isEqualTo(confirmed.id()));
            }
            assertThat(service.findByManageToken(sent.get(sent.size() - 1).token()))
                    .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(confirmed.id()));
            int stored = tables.count("link_token");
            assertThat(stored).isEqualTo(sent.size());
            assertThat(store.deleteExpiredLinkTokens(Fixtures.NOW.plus(Duration.ofDays(3650))))
                    .isEqualTo(stored);
            assertThat(tables.count("link_token")).isZero();
        }
    }
}
