package org.eventregistration.examples.portal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Compacts the H2 file database when the portal stops ({@code SHUTDOWN COMPACT}). H2 writes a
 * changed row to a new place in its file and leaves the old copy until the file is compacted, so
 * after an erasure or the retention run the name, address and answers stay readable in the file
 * until then; H2 compacts fully only while it closes the database. Only for an H2 file database
 * ({@code jdbc:h2:file:}); turn it off with {@code portal.h2.compact-on-shutdown=false}.
 *
 * <p>Runs after the scheduled jobs have stopped and before the connection pool closes: this bean
 * depends on the data source, so Spring destroys it first. The URL needs {@code
 * DB_CLOSE_ON_EXIT=FALSE} (the default URL has it): otherwise, when the JVM is stopped (Ctrl-C,
 * SIGTERM), H2's own exit hook closes the database before Spring gets here. A portal that is killed without a clean
 * stop keeps the old copies until its next clean stop: see the README's personal-data section.
 */
@Component
@ConditionalOnExpression(
        "'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')" + " and ${portal.h2.compact-on-shutdown:true}")
class H2Compaction implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);

    private final DataSource dataSource;

    H2Compaction(DataSource dataSource, org.springframework.core.env.Environment environment) {
        this.dataSource = dataSource;
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT=FALSE")) {
            log.warn("the H2 URL lacks DB_CLOSE_ON_EXIT=FALSE: when the JVM stops, H2 closes the file"
                    + " without compacting it, and erased personal data stays readable in it");
        }
    }

    @Override
    public void destroy() {
        long started = System.nanoTime();
        boolean compacted = false;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
            compacted = true;
            log.info("H2 database compacted at shutdown in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            // Closing the connection of a database just shut down fails, as expected: only a failed
            // compaction matters. The portal stops anyway; old copies then stay until the next one.
            if (!compacted) {
                log.warn(
                        "H2 database not compacted at shutdown (is DB_CLOSE_ON_EXIT=FALSE in the URL?): {}",
                        e.getMessage());
            }
        }
    }
}
