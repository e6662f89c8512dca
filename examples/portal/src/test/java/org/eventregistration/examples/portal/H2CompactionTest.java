package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * After an erasure, no copy of the person's data is left in the H2 file once the portal has
 * stopped: H2 keeps old row versions in its file until it is compacted, which the portal does as it
 * stops.
 */
class H2CompactionTest {
    private static final String NAME = "Kari Zyxwvutsrq";
    private static final String EMAIL = "kari.zyxwvutsrq@asker.example";
    private static final String ANSWER = "Ingen skalldyr zyxwvutsrq";

    @TempDir
    Path dir;

    private static int copies(Path file, String text) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        int found = 0;
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found++;
        }
        return found;
    }

    private ConfigurableApplicationContext start(boolean compact) {
        // As arguments: they win over application.properties (default properties would not).
        return new SpringApplicationBuilder(PortalApplication.class)
                .profiles("demo", "webtest")
                .run(
                        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("portal")
                                + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
                        "--portal.jobs.enabled=false",
                        "--server.port=0",
                        "--portal.h2.compact-on-shutdown=" + compact);
    }

    private static void checkpoint(ConfigurableApplicationContext context) {
        try (java.sql.Connection c = context.getBean(javax.sql.DataSource.class).getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the person, erases them on request, and stops the portal; the H2 file as it is then. */
    private Path registerEraseAndStop(boolean compact) throws IOException {
        try (ConfigurableApplicationContext context = start(compact)) {
            RegistrationService service = context.getBean(RegistrationService.class);
            RegistrationOutcome outcome = service.register(RegistrationRequest.builder(EventId.of("feiltrinn"))
                    .addressVerified(true)
                    .name(NAME)
                    .email(EMAIL)
                    .organisation("Asker kommune", "944382038")
                    .sector(org.eventregistration.attendee.Sector.MUNICIPALITY)
                    .role(org.eventregistration.attendee.Role.LEADER)
                    .answer("deltakelse", "fysisk")
                    .answer("matbehov", ANSWER)
                    .build());
            assertThat(outcome).isNotInstanceOf(RegistrationOutcome.Invalid.class);
            checkpoint(context); // H2 writes its file a moment later: now
            assertThat(copies(dir.resolve("portal.mv.db"), NAME)).isPositive();
            OrganiserId organiser = context.getBean(PortalProperties.class).organiserId();
            service.console(organiser, "personvernombud").erasePersonalData(EMAIL);
            checkpoint(context);
        }
        return dir.resolve("portal.mv.db");
    }

    @Test
    void afterAnErasureNoCopyIsLeftInTheFileOnceThePortalHasStopped() throws IOException {
        Path file = registerEraseAndStop(true);
        for (String personal : List.of(NAME, EMAIL, ANSWER)) {
            assertThat(copies(file, personal))
                    .as("copies of '%s' in the H2 file", personal)
                    .isZero();
        }
    }

    @Test
    void withoutCompactionTheOldCopiesStayInTheFile() throws IOException {
        Path file = registerEraseAndStop(false);
        assertThat(copies(file, NAME)).as("what the compaction removes").isPositive();
    }
}
