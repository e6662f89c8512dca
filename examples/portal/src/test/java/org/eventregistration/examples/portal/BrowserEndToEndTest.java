package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal in a real headless Chromium, as a person would use it: register until an event is
 * full, land on the waiting list, cancel through the manage link and see the next person promoted;
 * an organiser logs in, approves, checks in and downloads the CSV. axe-core checks every public
 * page and the form with errors for serious or critical WCAG 2.1 A/AA violations. Writes the README
 * screenshots to {@code docs/}.
 */
@ExtendWith(RequiresBrowser.class)
@org.springframework.test.context.ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:portal-browser-${random.uuid};DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final EventId SMALL = EventId.of("e2e-lite-kurs");
    private static final EventId APPROVAL = EventId.of("e2e-godkjenning");
    /**
     * Where the screenshots go: {@code target/screenshots}, or the README's {@code docs} with
     * {@code -Dportal.screenshots=docs} (the pages show dates relative to today, so a test run must
     * not rewrite tracked files).
     */
    private static final Path DOCS = Path.of(System.getProperty("portal.screenshots", "target/screenshots"));

    /** A fixed free port, so that the links in the e-mails (portal.base-url) point at this server. */
    private static final int PORT = freePort();

    @DynamicPropertySource
    static void serverPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("portal.base-url", () -> "http://localhost:" + PORT);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    RegistrationService service;

    private WebDriver driver;
    private Chromium chromium;

    @BeforeAll
    void startBrowser() throws IOException {
        LocalDate day = LocalDate.now(OSLO).plusWeeks(2);
        service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                .saveEvent(Event.builder(SMALL)
                        .addressConfirmation(org.eventregistration.event.AddressConfirmation.notRequired())
                        .title(LocalizedText.of(
                                "Lite kurs med to plasser", "Lite kurs med to plassar", "Small course with two seats"))
                        .description(LocalizedText.of(
                                "Et kurs med plass til to.", "Eit kurs med plass til to.", "A course for two."))
                        .schedule(
                                ZonedDateTime.of(day, LocalTime.of(10, 0), OSLO),
                                ZonedDateTime.of(day, LocalTime.of(12, 0), OSLO))
                        .venue(Venue.of("Rådhuset", "Katrineåsveien 20, 1383 Asker"))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(2))
                        .waitlist(WaitlistPolicy.autoPromote())
                        .build());
        service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                .saveEvent(Event.builder(APPROVAL)
                        .addressConfirmation(org.eventregistration.event.AddressConfirmation.notRequired())
                        .title(LocalizedText.of("Nettverksmøte for kommunene"))
                        .schedule(
                                ZonedDateTime.of(day, LocalTime.of(13, 0), OSLO),
                                ZonedDateTime.of(day, LocalTime.of(15, 0), OSLO))
                        .host(Organisation.of("Asker kommune"))
                        .audienceDescription(LocalizedText.of("Ansatte i kommuner"))
                        .capacity(CapacityPolicy.seats(10))
                        .eligibility(EligibilityRule.sectorIn(Sector.MUNICIPALITY), OutsideAudience.REQUIRE_APPROVAL)
                        .build());

        chromium = Chromium.start("portal-chromium");
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

    /** Clicks something that loads a new page, and waits until the new page is there. */
    private void clickAndWait(WebElement element) {
        chromium.clickAndWait(element);
    }

    private void clickAndWait(By by) {
        clickAndWait(driver.findElement(by));
    }

    private String h1() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** Fills in and sends the form; returns the manage link of the receipt, or null if none. */
    private String register(EventId event, String name, String email, String sector, String role) {
        open("/events/" + event.value() + "/register");
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("organisationName")).sendKeys("Asker kommune");
        new Select(driver.findElement(By.id("sector"))).selectByValue(sector);
        new Select(driver.findElement(By.id("role"))).selectByValue(role);
        driver.findElement(By.id("consent")).click();
        clickAndWait(By.cssSelector("#registration-form button[type=submit]"));
        assertThat(driver.getCurrentUrl()).endsWith("/receipt");
        List<WebElement> links = driver.findElements(By.id("manage-link"));
        return links.isEmpty() ? null : links.get(0).getAttribute("href");
    }

    private void assertAccessible(String page) {
        chromium.assertAccessible(page);
    }

    private void screenshot(String file) throws IOException {
        Files.createDirectories(DOCS);
        // A focused skip link would cover the header in the picture: take it as a first visitor sees it.
        ((ChromeDriver) driver)
                .executeScript("if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);");
        File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), DOCS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
    void everyPublicPageIsAccessibleAndTheReadmeScreenshotsAreTaken() throws IOException {
        open("/?lang=nb");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nb");
        assertThat(h1()).isEqualTo("Arrangementer");
        assertAccessible("event list");

        open("/events/feiltrinn");
        assertThat(h1()).startsWith("Feiltrinn");
        String facts = driver.findElement(By.cssSelector("aside")).getText();
        assertThat(facts)
                .contains("11. desember")
                .contains("09.00–15.30")
                .contains("Asker kulturhus")
                .contains("Difi")
                .contains("Asker kommune")
                .contains("SoCentral")
                .contains("Ledere, mellomledere og prosjektledere i stat og kommune")
                .contains("120 av 120 plasser er ledige");
        assertAccessible("event page");
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertThat(driver.switchTo().activeElement().getAttribute("class"))
                .as("the first Tab reaches the skip link")
                .isEqualTo("skip-link");
        driver.manage().window().setSize(new Dimension(1280, 1100));
        screenshot("event-page.png");
        driver.manage().window().setSize(new Dimension(1280, 1000));

        open("/events/feiltrinn/register");
        assertAccessible("registration form");
        driver.findElement(By.id("email")).sendKeys("ikke-en-adresse");
        clickAndWait(By.cssSelector("#registration-form button[type=submit]"));
        WebElement summary = driver.findElement(By.id("error-summary"));
        assertThat(driver.switchTo().activeElement())
                .as("focus moves to the error summary")
                .isEqualTo(summary);
        assertThat(summary.getText())
                .contains("Fullt navn må fylles ut")
                .contains("E-postadresse må være en gyldig e-postadresse");
        assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo("ikke-en-adresse");
        assertThat(driver.findElement(By.id("email")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(driver.getTitle()).startsWith("Feil: ");
        assertAccessible("registration form with errors");
        // 400 % zoom of a 1280 px window is a 320 CSS px viewport: everything reflows, nothing scrolls sideways.
        driver.manage().window().setSize(new Dimension(320, 800));
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("horizontal overflow at 320 px")
                .isLessThanOrEqualTo(0);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        summary.findElement(By.cssSelector("a[href='#email']")).click();
        assertThat(driver.switchTo().activeElement().getAttribute("id"))
                .as("the summary's link focuses the field")
                .isEqualTo("email");

        open("/events/feiltrinn/register");
        driver.findElement(By.id("name")).sendKeys("Kari Nordmann");
        driver.findElement(By.id("email")).sendKeys("kari.nordmann@asker.kommune.no");
        driver.findElement(By.id("organisationName")).sendKeys("Asker kommune");
        driver.findElement(By.id("organisationNumber")).sendKeys("974 760 673");
        new Select(driver.findElement(By.id("sector"))).selectByValue("MUNICIPALITY");
        new Select(driver.findElement(By.id("role"))).selectByValue("MIDDLE_MANAGER");
        driver.findElement(By.id("session-workshop-prov-feil")).click();
        driver.findElement(By.id("answers-deltakelse-0")).click();
        driver.findElement(By.id("consent")).click();
        clickAndWait(By.cssSelector("#registration-form button[type=submit]"));
        // The demo events confirm addresses: the receipt says to check the e-mail (the whole loop is
        // in theWholeEmailLoopThroughTheDemoMailbox).
        assertThat(h1()).isEqualTo("Sjekk e-posten din");
        assertThat(driver.findElements(By.id("manage-link"))).isEmpty();
        assertAccessible("receipt");
        screenshot("receipt.png");

        open("/login");
        assertAccessible("login page");

        open("/events/feiltrinn?lang=nn");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nn");
        assertThat(driver.findElement(By.cssSelector("aside")).getText()).contains("Leiarar, mellomleiarar");
        assertAccessible("event page in nynorsk");
        open("/events/feiltrinn?lang=en");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(h1()).contains("from a zero-error culture");
        open("/?lang=nb");
    }

    @Test
    @Order(2)
    void registerUntilFullThenWaitlistThenCancelPromotesTheNextPerson() {
        String anna = register(SMALL, "Anna Andersen", "anna@example.no", "MUNICIPALITY", "ADVISER");
        assertThat(h1()).isEqualTo("Du er påmeldt");
        register(SMALL, "Bjørn Berg", "bjorn@example.no", "STATE", "LEADER");
        assertThat(h1()).isEqualTo("Du er påmeldt");

        open("/events/" + SMALL.value());
        assertThat(driver.findElement(By.cssSelector("aside")).getText())
                .contains("Fullt – du kan sette deg på venteliste");

        String cecilie = register(SMALL, "Cecilie Carlsen", "cecilie@example.no", "PRIVATE", "EMPLOYEE");
        assertThat(h1()).isEqualTo("Du står på venteliste");
        assertThat(driver.findElement(By.id("waitlist-position")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("outcome")).getText()).contains("nummer 1 på ventelisten");
        assertAccessible("receipt on the waiting list");

        driver.get(cecilie);
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("WAITLISTED");
        assertThat(driver.findElement(By.id("position")).getText()).contains("nummer 1");

        driver.get(anna);
        clickAndWait(By.id("cancel"));
        assertThat(driver.findElement(By.id("done")).getText()).isEqualTo("Du er meldt av.");
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("CANCELLED");
        assertThat(driver.findElements(By.id("cancel"))).isEmpty();

        driver.get(cecilie);
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .as("promoted from the waiting list")
                .isEqualTo("CONFIRMED");
        assertThat(service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                        .statistics(SMALL)
                        .seatsTaken())
                .isEqualTo(2);
        assertThat(service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                        .statistics(SMALL)
                        .waiting())
                .isZero();
    }

    @Test
    @Order(3)
    void anOrganiserApprovesChecksInAndDownloadsTheCsv() throws Exception {
        register(APPROVAL, "Per Privat", "per@example.no", "PRIVATE", "LEADER");
        assertThat(h1()).isEqualTo("Påmeldingen venter på godkjenning");
        assertThat(driver.findElement(By.cssSelector(".reasons")).getText())
                .contains("Sektoren privat sektor er ikke i målgruppen");
        register(APPROVAL, "=cmd|' /C calc'!A0", "formel@example.no", "MUNICIPALITY", "EMPLOYEE");
        assertThat(h1()).isEqualTo("Du er påmeldt");

        open("/organiser/events/" + APPROVAL.value());
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        driver.findElement(By.id("username")).sendKeys("arrangor");
        driver.findElement(By.id("password")).sendKeys("demo-passord-123");
        clickAndWait(By.id("login-submit"));
        open("/organiser/events/" + APPROVAL.value());
        assertThat(h1()).startsWith("Deltakere");

        Registration per = service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                .registrations(APPROVAL, RegistrationStatus.PENDING_APPROVAL)
                .get(0);
        clickAndWait(rowButton(per, "Godkjenn"));
        assertThat(driver.findElement(By.id("done")).getText()).contains("bekreftet");
        assertThat(service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                        .findRegistration(per.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CONFIRMED);

        clickAndWait(rowButton(per, "Sjekk inn"));
        assertThat(driver.findElement(By.id("done")).getText()).contains("møtt");
        assertThat(service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                        .findRegistration(per.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CHECKED_IN);

        new Select(driver.findElement(By.id("status-filter"))).selectByValue("CHECKED_IN");
        clickAndWait(By.cssSelector("form.filter button"));
        assertThat(driver.findElements(By.cssSelector("#participants tbody tr")))
                .hasSize(1);
        assertThat(driver.findElement(By.id("stat-taken")).getText()).isEqualTo("2");

        String csvHref = driver.findElement(By.id("csv")).getAttribute("href");
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(csvHref))
                                .header("Cookie", "JSESSIONID=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(csv.body())
                .contains("Per Privat")
                .contains("møtt")
                .contains("'=cmd|' /C calc'!A0")
                .doesNotContain(";=cmd");

        clickAndWait(By.cssSelector("form.logout button"));
        open("/organiser");
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    private WebElement rowButton(Registration r, String label) {
        return driver
                .findElement(By.cssSelector("tr[data-registration='" + r.id().value() + "']"))
                .findElements(By.tagName("button"))
                .stream()
                .filter(b -> b.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label));
    }

    /** The first link in the newest demo-mailbox message to the address whose href contains {@code part}. */
    private WebElement mailLink(String email, String part) {
        for (WebElement mail : driver.findElements(By.cssSelector(".mail"))) {
            if (mail.findElement(By.cssSelector(".mail-to")).getText().contains(email)) {
                List<WebElement> links = mail.findElements(By.cssSelector(".mail-text a[href*='" + part + "']"));
                if (!links.isEmpty()) {
                    return links.get(0);
                }
            }
        }
        throw new AssertionError("no e-mail to " + email + " with a link to " + part);
    }

    /** Sets a field's value as typed (date-time inputs take keys in the browser's locale order). */
    private void fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].value = arguments[1];", field, value);
    }

    private int horizontalOverflow() {
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        return ((Number) overflow).intValue();
    }

    @Test
    @Order(4)
    void theOrganisersDayCreateFillRaiseMessageCancelEveryPageAccessible() {
        open("/organiser?lang=nb");
        if (driver.getCurrentUrl().endsWith("/login")) {
            driver.findElement(By.id("username")).sendKeys("arrangor");
            driver.findElement(By.id("password")).sendKeys("demo-passord-123");
            clickAndWait(By.id("login-submit"));
        }
        open("/organiser");
        assertAccessible("organiser event list");
        clickAndWait(By.id("new-event"));
        assertThat(h1()).isEqualTo("Nytt arrangement");
        assertAccessible("event editor");
        clickAndWait(By.id("event-save"));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Skriv en tittel på bokmål.");
        assertAccessible("event editor with errors");

        LocalDate day = LocalDate.now(OSLO).plusWeeks(3);
        driver.findElement(By.id("id")).clear();
        driver.findElement(By.id("id")).sendKeys("e2e-arrangorens-dag");
        driver.findElement(By.id("titleNb")).sendKeys("Arrangørens dag");
        fill("start", day + "T09:00");
        fill("end", day + "T11:00");
        driver.findElement(By.id("host")).sendKeys("Asker kommune");
        driver.findElement(By.id("seats")).sendKeys("1");
        driver.findElement(By.id("addressConfirmation")).click(); // off: the test registers directly
        clickAndWait(By.id("event-save"));
        assertThat(driver.findElement(By.id("done")).getText()).isEqualTo("Arrangementet er lagret.");
        EventId created = EventId.of("e2e-arrangorens-dag");
        assertThat(service.findEvent(created)
                        .orElseThrow()
                        .addressConfirmation()
                        .required())
                .isFalse();

        register(created, "Første Person", "forste@example.no", "MUNICIPALITY", "ADVISER");
        register(created, "Andre Person", "andre@example.no", "MUNICIPALITY", "ADVISER");
        open("/organiser/events/" + created.value());
        assertThat(driver.findElement(By.id("stat-waiting")).getText()).isEqualTo("1");
        assertAccessible("organiser event page");

        clickAndWait(By.id("edit-event"));
        assertAccessible("event editor, editing");
        driver.findElement(By.id("seats")).clear();
        driver.findElement(By.id("seats")).sendKeys("2");
        clickAndWait(By.id("event-save"));
        assertThat(driver.findElement(By.id("done")).getText()).contains("Fra ventelisten fikk 1 plass.");
        assertThat(driver.findElement(By.id("stat-taken")).getText()).isEqualTo("2");

        // The participant list reflows at 320 px: stacked rows, nothing scrolls sideways.
        driver.manage().window().setSize(new Dimension(320, 800));
        assertThat(horizontalOverflow())
                .as("horizontal overflow of the participant list at 320 px")
                .isLessThanOrEqualTo(0);
        assertAccessible("organiser event page at 320 px");
        driver.manage().window().setSize(new Dimension(1280, 1000));

        clickAndWait(driver.findElement(By.cssSelector("#participants tbody tr th a")));
        assertThat(h1()).contains("Første Person");
        assertAccessible("participant page");
        clickAndWait(By.id("participant-cancel"));
        assertAccessible("cancel a registration");
        driver.findElement(By.id("note")).sendKeys("Meldte fra på telefon");
        clickAndWait(By.id("cancel-registration-confirm"));
        assertThat(driver.findElement(By.id("done")).getText()).contains("avmeldt");

        clickAndWait(By.id("send-message"));
        assertAccessible("message form");
        clickAndWait(By.id("message-preview"));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        assertAccessible("message form with errors");
        driver.findElement(By.id("subjectNb")).sendKeys("Praktisk informasjon");
        driver.findElement(By.id("bodyNb")).sendKeys("Ta med legitimasjon.");
        clickAndWait(By.id("message-preview"));
        assertThat(driver.findElement(By.id("recipient-count")).getText()).contains("én person");
        assertAccessible("message confirmation");
        clickAndWait(By.id("message-send-button"));
        assertThat(driver.findElement(By.id("done")).getText()).contains("«Praktisk informasjon»");

        clickAndWait(By.id("cancel-event"));
        assertAccessible("cancel the event");
        driver.findElement(By.id("note")).sendKeys("For få påmeldte");
        clickAndWait(By.id("cancel-event-confirm"));
        assertThat(driver.findElement(By.id("event-cancelled")).getText()).isEqualTo("Arrangementet er avlyst.");
        open("/events/" + created.value());
        assertThat(driver.findElement(By.id("event-cancelled")).getText()).isEqualTo("Arrangementet er avlyst.");
        assertAccessible("public page of a cancelled event");
    }

    @Test
    @Order(6)
    void theWholeEmailLoopThroughTheDemoMailbox() {
        String email = "lise.loop@asker.kommune.no";
        open("/events/innbyggermote-kommuneplan/register?lang=nb");
        // The citizens' meeting asks for a name and an address, nothing about a workplace.
        assertThat(driver.findElements(By.id("sector"))).isEmpty();
        assertThat(driver.findElements(By.id("organisationName"))).isEmpty();
        driver.findElement(By.id("name")).sendKeys("Lise Loop");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("consent")).click();
        clickAndWait(By.cssSelector("#registration-form button[type=submit]"));
        assertThat(h1()).isEqualTo("Sjekk e-posten din");

        clickAndWait(By.cssSelector("#demo-mailbox-hint a"));
        assertThat(h1()).isEqualTo("Demo-postkasse");
        assertThat(driver.findElement(By.id("demo-warning")).getText()).contains("Bare for demo");
        assertAccessible("demo mailbox");

        WebElement confirm = mailLink(email, "/confirm/");
        assertThat(confirm.getAttribute("href")).startsWith(url("/confirm/"));
        clickAndWait(confirm);
        assertThat(h1()).isEqualTo("Bekreft e-postadressen din");
        assertAccessible("confirm page");
        clickAndWait(By.id("confirm"));
        assertThat(h1()).isEqualTo("Adressen din er bekreftet");
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("CONFIRMED");
        assertAccessible("confirmed page");

        open("/demo-mailbox");
        WebElement manage = mailLink(email, "/manage/");
        assertThat(manage.getAttribute("href")).startsWith(url("/manage/"));
        clickAndWait(manage);
        assertThat(h1()).isEqualTo("Din påmelding");
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("CONFIRMED");
        assertAccessible("manage page");

        // Lost the link: the form on the event page sends a new one; the data page is accessible too.
        open("/events/innbyggermote-kommuneplan");
        clickAndWait(By.id("lost-link"));
        assertAccessible("lost link form");
        clickAndWait(By.id("request-submit"));
        assertThat(driver.findElement(By.id("error-summary")).getText()).isNotEmpty();
        assertAccessible("lost link form with an error");
        driver.findElement(By.id("email")).clear();
        driver.findElement(By.id("email")).sendKeys(email);
        clickAndWait(By.id("request-submit"));
        assertThat(driver.findElement(By.id("sent")).getText()).contains("Hvis adressen er påmeldt");
        assertAccessible("lost link sent");

        open("/events/innbyggermote-kommuneplan/my-data");
        driver.findElement(By.id("email")).sendKeys(email);
        clickAndWait(By.id("request-submit"));
        open("/demo-mailbox");
        clickAndWait(mailLink(email, "/data/"));
        assertAccessible("data page");
        clickAndWait(By.id("erase"));
        assertAccessible("erase confirmation");
        clickAndWait(By.id("erase-cancel"));
        assertThat(driver.findElement(By.id("export")).isDisplayed()).isTrue();

        open("/confirm/kort?lang=en");
        assertThat(h1()).isEqualTo("This link does not work");
        assertAccessible("invalid link page");
        open("/?lang=nb");
    }
}
