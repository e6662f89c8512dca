package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.eventregistration.event.Event;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** The secret in the manage link: random, stored only as a hash, and only its exact value works. */
class ManageTokenTest {
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(MutableClock.at(Fixtures.T0))
            .build();

    @Test
    void tokensAre256RandomBits() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ManageToken t = ManageToken.generate(random);
            assertThat(t.value()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(t.value())).hasSize(32);
            assertThat(seen.add(t.value())).isTrue();
            assertThat(t.toString()).doesNotContain(t.value());
        }
    }

    @Test
    void onlyTheSha256HashIsStored() throws Exception {
        Event event = Fixtures.event("tokens", 5).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome outcome =
                service.register(Fixtures.person(event, "kari@example.no").build());
        ManageToken token = Fixtures.token(outcome);
        Registration stored =
                store.findRegistration(Fixtures.registration(outcome).id()).orElseThrow();

        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.value().getBytes(StandardCharsets.UTF_8)));
        assertThat(stored.manageTokenHash()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(token.hash()).isEqualTo(expected);
        assertThat(stored.toString()).doesNotContain(token.value());
        assertThat(outcome.toString()).doesNotContain(token.value());
        assertThat(stored.attendee().toString()).doesNotContain("kari@example.no");
        // No field of the registration (or its parts) holds the token.
        assertThat(deepStrings(stored, 0)).noneMatch(s -> s.contains(token.value()));
        assertThat(service.findByManageToken(token)).contains(stored);
    }

    @Test
    void aWrongTokenFindsNothing() {
        Event event = Fixtures.event("wrong-token", 5).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        ManageToken token = Fixtures.token(a);

        char[] chars = token.value().toCharArray();
        chars[17] = chars[17] == 'A' ? 'B' : 'A';
        ManageToken oneCharOff = new ManageToken(new String(chars));
        ManageToken random = ManageToken.generate(new SecureRandom());
        ManageToken upperCase = new ManageToken(
                token.value().toUpperCase(java.util.Locale.ROOT).equals(token.value())
                        ? token.value().toLowerCase(java.util.Locale.ROOT)
                        : token.value().toUpperCase(java.util.Locale.ROOT));
        ManageToken hashItself = new ManageToken(token.hash());
        // A token from another installation of the service.
        RegistrationService elsewhere = RegistrationService.builder()
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        Fixtures.console(elsewhere).saveEvent(event);
        ManageToken foreign = Fixtures.token(
                elsewhere.register(Fixtures.person(event, "a@example.no").build()));

        for (ManageToken wrong : new ManageToken[] {oneCharOff, random, upperCase, hashItself, foreign}) {
            assertThat(service.findByManageToken(wrong)).isEmpty();
            assertThatThrownBy(() -> service.cancel(wrong))
                    .isInstanceOf(RegistrationNotFoundException.class)
                    .hasMessageNotContaining(wrong.value());
            assertThatThrownBy(() -> service.acceptOffer(wrong)).isInstanceOf(RegistrationNotFoundException.class);
            assertThatThrownBy(() -> service.declineOffer(wrong)).isInstanceOf(RegistrationNotFoundException.class);
        }
        assertThat(Fixtures.console(service).registrations(event.id()))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED));

        // Another registration's token acts on that registration only.
        Registration cancelled = service.cancel(Fixtures.token(b));
        assertThat(cancelled.id()).isEqualTo(Fixtures.registration(b).id());
        assertThat(Fixtures.console(service)
                        .findRegistration(Fixtures.registration(a).id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void aTokenWithOneBitChangedFindsNothing() {
        Event event = Fixtures.event("one-bit", 5).build();
        Fixtures.console(service).saveEvent(event);
        ManageToken token = Fixtures.token(
                service.register(Fixtures.person(event, "a@example.no").build()));
        byte[] bits = java.util.Base64.getUrlDecoder().decode(token.value());
        for (int bit = 0; bit < bits.length * 8; bit += 7) {
            byte[] flipped = bits.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            ManageToken wrong = new ManageToken(
                    java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(flipped));
            assertThat(service.findByManageToken(wrong)).as("bit %s", bit).isEmpty();
        }
        assertThat(service.findByManageToken(token)).isPresent();
    }

    @Test
    void aTokenStopsWorkingWhenTheRegistrationEndsOrIsAnonymised() {
        MutableClock clock = MutableClock.at(Fixtures.T0);
        RegistrationService timed =
                RegistrationService.builder().store(store).clock(clock).build();
        Event event = Fixtures.event("ended", 5)
                .retention(org.eventregistration.event.Retention.of(java.time.Duration.ofDays(10)))
                .build();
        Fixtures.console(timed).saveEvent(event);
        RegistrationOutcome a =
                timed.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                timed.register(Fixtures.person(event, "b@example.no").build());
        timed.cancel(Fixtures.token(a));
        assertThat(timed.findByManageToken(Fixtures.token(a))).as("cancelled").isEmpty();
        assertThatThrownBy(() -> timed.cancel(Fixtures.token(a))).isInstanceOf(RegistrationNotFoundException.class);
        assertThatThrownBy(() -> timed.acceptOffer(Fixtures.token(a)))
                .isInstanceOf(RegistrationNotFoundException.class);
        assertThatThrownBy(() -> timed.declineOffer(Fixtures.token(a)))
                .isInstanceOf(RegistrationNotFoundException.class);
        assertThat(timed.waitingPosition(Fixtures.token(a))).isEmpty();

        assertThat(timed.findByManageToken(Fixtures.token(b))).isPresent();
        clock.set(event.personalDataExpiresAt());
        timed.applyRetention();
        assertThat(timed.findByManageToken(Fixtures.token(b))).as("anonymised").isEmpty();
        assertThat(store.findRegistration(Fixtures.registration(b).id())
                        .orElseThrow()
                        .manageTokenHash())
                .isNotEqualTo(Fixtures.token(b).hash());
    }

    @Test
    void anOptionalValidityEndsTokensAfterTheEvent() {
        MutableClock clock = MutableClock.at(Fixtures.T0);
        RegistrationService timed = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .manageTokenValidity(java.time.Duration.ofDays(1))
                .build();
        Event event = Fixtures.event("validity", 5).build();
        Fixtures.console(timed).saveEvent(event);
        ManageToken token = Fixtures.token(
                timed.register(Fixtures.person(event, "a@example.no").build()));
        clock.set(event.end().toInstant().plus(java.time.Duration.ofDays(1)).minusSeconds(1));
        assertThat(timed.findByManageToken(token)).isPresent();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(timed.findByManageToken(token)).isEmpty();
        assertThatThrownBy(() -> RegistrationService.builder().manageTokenValidity(java.time.Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> deepStrings(Object o, int depth) throws IllegalAccessException {
        Set<String> out = new HashSet<>();
        if (o == null || depth > 4) {
            return out;
        }
        if (o instanceof CharSequence
                || o instanceof Enum<?>
                || o instanceof Number
                || o instanceof java.time.temporal.Temporal) {
            out.add(o.toString());
            return out;
        }
        if (o instanceof Iterable<?> it) {
            for (Object x : it) {
                out.addAll(deepStrings(x, depth + 1));
            }
            return out;
        }
        if (o instanceof java.util.Map<?, ?> m) {
            for (var e : m.entrySet()) {
                out.addAll(deepStrings(e.getKey(), depth + 1));
                out.addAll(deepStrings(e.getValue(), depth + 1));
            }
            return out;
        }
        if (!o.getClass().getName().startsWith("org.eventregistration")) {
            out.add(o.toString());
            return out;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                out.addAll(deepStrings(f.get(o), depth + 1));
            }
        }
        return out;
    }

    @Test
    void aConfiguredSecureRandomMakesTheTokens() {
        java.util.concurrent.atomic.AtomicInteger draws = new java.util.concurrent.atomic.AtomicInteger();
        SecureRandom own = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                draws.incrementAndGet();
                super.nextBytes(bytes);
            }
        };
        RegistrationService withOwn = RegistrationService.builder()
                .clock(MutableClock.at(Fixtures.T0))
                .secureRandom(own)
                .build();
        Event event = Fixtures.event("own-random", 5).build();
        Fixtures.console(withOwn).saveEvent(event);
        ManageToken a = Fixtures.token(
                withOwn.register(Fixtures.person(event, "a@example.no").build()));
        ManageToken b = Fixtures.token(
                withOwn.register(Fixtures.person(event, "b@example.no").build()));
        assertThat(draws).hasValue(2);
        assertThat(a).isNotEqualTo(b);
        assertThat(withOwn.findByManageToken(a)).isPresent();
    }
}
