package org.eventregistration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain is pure: no I/O, no logging, no clock reads, and it does not reach up into the service. */
class ArchitectureTest {
    private static final String[] DOMAIN = {
        "org.eventregistration.attendee..", "org.eventregistration.capacity..", "org.eventregistration.eligibility..",
        "org.eventregistration.event..", "org.eventregistration.registration..", "org.eventregistration.i18n..",
        "org.eventregistration.audit.."
    };
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.eventregistration");
    }

    @Test
    void theDomainDoesNoIoAndNoLogging() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.slf4j..", "java.sql..", "javax.sql..", "java.nio.file..", "java.net.http..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(
                        java.io.File.class,
                        java.io.FileInputStream.class,
                        java.io.FileOutputStream.class,
                        java.io.FileReader.class,
                        java.io.FileWriter.class,
                        java.net.Socket.class)
                .check(classes);
    }

    @Test
    void theDomainReadsNoClock() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(java.time.Clock.class, System.class)
                .because("time is passed in (Instant now); the service owns the Clock")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.ZonedDateTime.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .check(classes);
    }

    @Test
    void theDomainDoesNotDependOnTheServiceStoresOrInternals() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eventregistration.service..",
                        "org.eventregistration.store..",
                        "org.eventregistration.spi..",
                        "org.eventregistration.internal..")
                .check(classes);
    }

    @Test
    void theSpiDoesNotDependOnTheServiceOrStores() {
        noClasses()
                .that()
                .resideInAPackage("org.eventregistration.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eventregistration.service..",
                        "org.eventregistration.store..",
                        "org.eventregistration.internal..")
                .check(classes);
    }

    @Test
    void onlyTheServiceUsesInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.eventregistration.internal..", "org.eventregistration.service..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.eventregistration.internal..")
                .check(classes);
    }
}
