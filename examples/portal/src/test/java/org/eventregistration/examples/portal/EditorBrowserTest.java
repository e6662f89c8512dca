package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.PersonalField;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The event editor with the keyboard alone, in a real headless Chromium: Tab to each control,
 * type, Space for check boxes, Enter for buttons and links; no mouse click anywhere. axe-core
 * checks the editor (new, with errors, editing), the privacy notice and the accessibility
 * statement for serious or critical WCAG 2.1 A/AA violations. Writes the README's screenshots of
 * the editor and of an organiser's participant page to {@code docs/}.
 */
@ExtendWith(RequiresBrowser.class)
@org.springframework.test.context.ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-editor-browser-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditorBrowserTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /**
     * Where the screenshots go: {@code target/screenshots}, or the README's {@code docs} with
     * {@code -Dportal.screenshots=docs} (the pages show dates relative to today, so a test run must
     * not rewrite tracked files).
     */
    private static final Path DOCS = Path.of(System.getProperty("portal.screenshots", "target/screenshots"));

    private static final EventId CREATED = EventId.of("e2e-tastatur");

    @LocalServerPort
    int port;

    @Autowired
    RegistrationService service;

    private WebDriver driver;
    private Chromium chromium;

    @BeforeAll
    void startBrowser() throws IOException {
        chromium = Chromium.start("portal-chromium-editor");
        driver = chromium.driver();
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.stop();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void open(String path) {
        driver.get(url(path));
    }

    private String h1() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private String activeId() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.activeElement.id;"));
    }

    /** Presses Tab until the element with this id has the focus: proof that the keyboard reaches it. */
    private void tabTo(String id) {
        for (int i = 0; i < 400; i++) {
            if (id.equals(activeId())) {
                return;
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id + "; the focus is on #" + activeId());
    }

    /** Tabs to a field and types into it. */
    private void type(String id, CharSequence... keys) {
        tabTo(id);
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses a key that loads a new page, and waits until the new page is there. */
    private void pressAndWait(Keys key) {
        WebElement page = driver.findElement(By.tagName("html"));
        new Actions(driver).sendKeys(key).perform();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                return true;
            }
        });
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * A date and time as a keyboard user types it into Chromium's date-time field, in the order of
     * the browser's own locale (headless Chromium may ignore {@code --lang}): the digits of day and
     * month move on by themselves, Tab leaves the year; a 12-hour clock takes A or P at the end.
     */
    private CharSequence[] dateTimeKeys(LocalDate day, int hour) {
        String layout = String.valueOf(((JavascriptExecutor) driver)
                .executeScript("var f = new Intl.DateTimeFormat(navigator.language,"
                        + " {year: 'numeric', month: '2-digit', day: '2-digit'});"
                        + " var order = f.formatToParts(new Date(2026, 11, 28))"
                        + ".filter(function (p) { return p.type !== 'literal'; })"
                        + ".map(function (p) { return p.type; }).join(',');"
                        + " var h12 = new Intl.DateTimeFormat(navigator.language, {hour: 'numeric'})"
                        + ".resolvedOptions().hour12;"
                        + " return order + '|' + h12;"));
        String[] parts = layout.split("\\|");
        List<CharSequence> keys = new java.util.ArrayList<>();
        for (String part : parts[0].split(",")) {
            switch (part) {
                case "day" -> keys.add(String.format("%02d", day.getDayOfMonth()));
                case "month" -> keys.add(String.format("%02d", day.getMonthValue()));
                default -> {
                    keys.add(String.format("%04d", day.getYear()));
                    keys.add(Keys.TAB);
                }
            }
        }
        if (Boolean.parseBoolean(parts[1])) {
            int h = hour % 12 == 0 ? 12 : hour % 12;
            keys.add(String.format("%02d00", h) + (hour < 12 ? "A" : "P"));
        } else {
            keys.add(String.format("%02d00", hour));
        }
        return keys.toArray(CharSequence[]::new);
    }

    private String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    private void assertAccessible(String page) {
        chromium.assertAccessible(page);
    }

    /** A screenshot with the element of this id at the top (the page's top when null). */
    private void screenshot(String file, String topId) throws IOException {
        Files.createDirectories(DOCS);
        ((JavascriptExecutor) driver)
                .executeScript(
                        "if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);"
                                + " var e = arguments[0] && document.getElementById(arguments[0]);"
                                + " if (e) { e.scrollIntoView(true); }",
                        topId);
        File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), DOCS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    private static LocalDate workingDayInWeeks(int weeks) {
        LocalDate day = LocalDate.now(OSLO).plusWeeks(weeks);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

    @Test
    @Order(1)
    void anOrganiserLogsInAndBuildsAnEventWithTheKeyboardAlone() throws IOException {
        open("/?lang=nb");
        open("/organiser");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/login"));
        type("username", "arrangor");
        type("password", "demo-passord-123", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.getCurrentUrl().contains("/organiser"));
        // Spring Security's saved request leaves no "?continue" behind.
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/organiser"));

        tabTo("new-event");
        pressAndWait(Keys.ENTER);
        assertThat(h1()).isEqualTo("Nytt arrangement");
        assertAccessible("event editor, new");

        // Enter in a text field saves (the form's first button is "save"), and the errors are summarised.
        type("titleNb", "Fagdag med tastatur", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> !d.findElements(By.id("error-summary")).isEmpty());
        assertThat(activeId()).isEqualTo("error-summary");
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Skriv en id");
        assertThat(value("titleNb")).isEqualTo("Fagdag med tastatur");
        assertAccessible("event editor with errors");

        LocalDate day = workingDayInWeeks(4);
        type("id", CREATED.value());
        type("start", dateTimeKeys(day, 9));
        assertThat(value("start")).isEqualTo(day + "T09:00");
        type("end", dateTimeKeys(day, 15));
        type("host", "Asker kommune");
        type("seats", "30");
        // A workshop, then "add another": the form comes back with what was typed and one more row.
        type("s0-titleNb", "Workshop: Klarspråk");
        type("s0-start", dateTimeKeys(day, 13));
        type("s0-end", dateTimeKeys(day, 14));
        type("s0-seats", "12");
        tabTo("add-session");
        pressAndWait(Keys.ENTER);
        assertThat(value("s0-titleNb")).isEqualTo("Workshop: Klarspråk");
        assertThat(value("id")).isEqualTo(CREATED.value());
        type("s1-titleNb", "Workshop: Tidstyver");
        type("s1-start", dateTimeKeys(day, 13));
        type("s1-end", dateTimeKeys(day, 14));
        type("s1-seats", "12");
        // A sensitive question, chosen with Space.
        type("q0-labelNb", "Allergier eller andre behov for mat");
        type("q0-sensitive", " ");
        // The audience: municipalities only, the rest may ask for approval.
        type("aud-sector-MUNICIPALITY", " ");
        tabTo("aud-outside-REJECT"); // Tab enters a radio group at its checked button; the arrows choose
        new Actions(driver).sendKeys(Keys.ARROW_DOWN).perform();
        assertThat(activeId()).isEqualTo("aud-outside-REQUIRE_APPROVAL");
        // No telephone number.
        type("ask-PHONE", " ");
        tabTo("event-save");
        pressAndWait(Keys.ENTER);
        assertThat(driver.findElement(By.id("done")).getText()).isEqualTo("Arrangementet er lagret.");

        Event saved = service.findEvent(CREATED).orElseThrow();
        assertThat(saved.start().toLocalDate()).isEqualTo(day);
        assertThat(saved.sessions())
                .extracting(s -> s.id().value())
                .containsExactly("workshop-klarsprak", "workshop-tidstyver");
        assertThat(saved.questions())
                .singleElement()
                .satisfies(q -> assertThat(q.sensitive()).isTrue());
        assertThat(saved.eligibility()).isEqualTo(EligibilityRule.sectorIn(Sector.MUNICIPALITY));
        assertThat(saved.askFor()).doesNotContain(PersonalField.PHONE).contains(PersonalField.SECTOR);

        // Someone takes the first workshop; removing it is refused, with the reason, by the keyboard too.
        service.register(RegistrationRequest.builder(CREATED)
                .name("Kari Tastatur")
                .email("kari.tastatur@asker.kommune.no")
                .organisation("Asker kommune", "974760673")
                .sector(Sector.MUNICIPALITY)
                .role(Role.ADVISER)
                .session("workshop-klarsprak")
                .addressVerified(true)
                .build());
        tabTo("edit-event");
        pressAndWait(Keys.ENTER);
        assertThat(h1()).isEqualTo("Endre arrangementet");
        assertAccessible("event editor, editing");
        screenshot("organiser-editor.png", "sessions");
        type("s0-remove", " ");
        tabTo("event-save");
        pressAndWait(Keys.ENTER);
        assertThat(driver.findElement(By.id("error-summary")).getText())
                .contains("«Workshop: Klarspråk» kan ikke fjernes: 1 påmeldte har valgt den.");
        assertAccessible("event editor, a held workshop");
        assertThat(service.findEvent(CREATED).orElseThrow().sessions()).hasSize(2);

        // An organiser's page for one participant, for the README.
        open("/organiser/events/" + CREATED.value());
        String participant = driver.findElement(By.cssSelector("#participants tbody tr th a"))
                .getAttribute("href");
        driver.get(participant);
        assertThat(h1()).contains("Kari Tastatur");
        screenshot("organiser-participant.png", null);
    }

    @Test
    @Order(2)
    void thePrivacyNoticeAndTheAccessibilityStatementAreReachedByKeyboardAndAccessible() {
        for (String lang : List.of("nb", "nn", "en")) {
            open("/events/feiltrinn/register?lang=" + lang);
            tabTo("privacy-link");
            pressAndWait(Keys.ENTER);
            assertThat(driver.getCurrentUrl()).endsWith("/events/feiltrinn/privacy");
            assertThat(driver.findElement(By.id("privacy-stored")).getText()).isNotEmpty();
            assertAccessible("privacy notice " + lang);
            tabTo("footer-accessibility");
            pressAndWait(Keys.ENTER);
            assertThat(driver.getCurrentUrl()).endsWith("/accessibility");
            assertAccessible("accessibility statement " + lang);
        }
        assertThat(h1()).isEqualTo("Accessibility statement");
    }

    @Test
    @Order(3)
    void aFormsAddressOpenedAsAPageGivesAnHtmlPage() {
        open("/manage/" + "x".repeat(43) + "/cancel?lang=nb");
        assertThat(h1()).isEqualTo("Noe gikk galt");
        assertThat(driver.findElement(By.id("error-405")).getText()).contains("hører til et skjema");
        assertThat(driver.getPageSource()).doesNotContain("\"status\":405");
        assertAccessible("405 page");
        // The favicon is there (no 404 in the browser's console).
        open("/favicon.ico");
        assertThat(driver.getCurrentUrl()).endsWith("/favicon.svg");
        // The event service keeps its organiser's events.
        assertThat(service.console(OrganiserId.DEFAULT, "test").events()).isNotEmpty();
    }
}
