package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The person's own changes in a real headless Chromium: change the answer and the workshop on the
 * manage page (a full workshop cannot be chosen, and is refused by name if sent anyway), give the
 * seat to a colleague, who takes it through the link in the demo mailbox; the first person's link
 * then says the seat was handed over. axe-core checks every new page and the forms with errors.
 */
@ExtendWith(RequiresBrowser.class)
@org.springframework.test.context.ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:portal-selfservice-${random.uuid};DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfServiceBrowserTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final EventId EVENT = EventId.of("e2e-selvbetjening");
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
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(10, 0), OSLO);
        service.console(OrganiserId.DEFAULT, "arrangor")
                .saveEvent(Event.builder(EVENT)
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .title(LocalizedText.of("Verkstaddag", "Verkstaddag", "Workshop day"))
                        .schedule(start, start.plusHours(4))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(10))
                        .session(Session.of(
                                "kart",
                                LocalizedText.of("Kart og analyse", "Kart og analyse", "Maps and analysis"),
                                start.plusHours(1),
                                start.plusHours(2),
                                5))
                        .session(Session.of(
                                "tjenester",
                                LocalizedText.of("Digitale tjenester", "Digitale tenester", "Digital services"),
                                start.plusHours(1),
                                start.plusHours(2),
                                1))
                        .question(Question.text(
                                "mat", LocalizedText.of("Matallergier", "Matallergiar", "Food allergies")))
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

    @Test
    void changeTheWorkshopThenGiveTheSeatToAColleagueWhoTakesIt() {
        String kari = manageLink("kari.endre@asker.kommune.no", "kart");
        registered("per.full@asker.kommune.no", "tjenester"); // the last seat of «Digitale tjenester»

        open(kari);
        assertThat(h1()).isEqualTo("Din påmelding");
        assertThat(driver.findElement(By.id("change-heading")).getText()).isEqualTo("Endre svar eller workshop");
        // The full workshop is shown, but cannot be chosen.
        assertThat(driver.findElement(By.id("session-tjenester")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("session-kart")).isSelected()).isTrue();
        assertAccessible("manage page with the change and hand-over forms");

        // Sent anyway (the form was old): refused, naming the workshop.
        ((JavascriptExecutor) driver)
                .executeScript(
                        "var r = document.getElementById('session-tjenester'); r.disabled = false; r.checked = true;");
        clickAndWait(By.id("change"));
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Digitale tjenester");
        assertThat(driver.findElement(By.id("session-error")).getText()).contains("Digitale tjenester");
        assertAccessible("manage page, full workshop refused");

        driver.findElement(By.id("session-none")).click();
        driver.findElement(By.id("answers-mat")).sendKeys("Nøtter");
        clickAndWait(By.id("change"));
        assertThat(driver.getCurrentUrl()).isEqualTo(url(kari)); // POST, redirect, GET
        assertThat(driver.findElement(By.id("done")).getText()).contains("Endringene er lagret");
        assertThat(driver.findElement(By.id("answers-mat")).getAttribute("value"))
                .isEqualTo("Nøtter");
        assertThat(driver.findElement(By.id("session-none")).isSelected()).isTrue();
        open("/demo-mailbox");
        assertThat(driver.findElements(By.cssSelector(".mail")))
                .anySatisfy(m -> assertThat(m.getText())
                        .contains("kari.endre@asker.kommune.no")
                        .contains("Endringen er lagret: Verkstaddag"));

        // Give the seat away: first with mistakes, then to a colleague at the same domain.
        open(kari);
        clickAndWait(By.id("handover"));
        assertThat(driver.findElement(By.id("error-summary")).getText())
                .contains("Kollegaens navn")
                .contains("Kollegaens e-postadresse");
        assertThat(driver.findElement(By.id("colleague-name")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertAccessible("manage page with hand-over errors");
        driver.findElement(By.id("colleague-name")).sendKeys("Ola Overtar");
        driver.findElement(By.id("colleague-email")).sendKeys("ola.overtar@bergen.kommune.no");
        clickAndWait(By.id("handover"));
        assertThat(driver.findElement(By.id("colleague-email-error")).getText()).contains("@asker.kommune.no");
        driver.findElement(By.id("colleague-email")).clear();
        driver.findElement(By.id("colleague-email")).sendKeys("ola.overtar@asker.kommune.no");
        clickAndWait(By.id("handover"));
        assertThat(driver.getCurrentUrl()).isEqualTo(url(kari));
        assertThat(driver.findElement(By.id("done")).getText()).contains("ola.overtar@asker.kommune.no");
        assertThat(driver.findElement(By.id("handover-pending")).getText()).contains("Ola Overtar");
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("CONFIRMED");

        open("/demo-mailbox");
        WebElement link = mailLink("ola.overtar@asker.kommune.no", "/handover/");
        clickAndWait(link);
        assertThat(h1()).isEqualTo("Ta over en plass");
        assertThat(driver.findElement(By.id("handover-offer")).getText()).contains("Kari Endre");
        assertAccessible("hand-over page");
        clickAndWait(By.id("take-over"));
        assertThat(driver.getCurrentUrl()).contains("/manage/");
        assertThat(h1()).isEqualTo("Din påmelding");
        assertThat(driver.findElement(By.id("done")).getText()).contains("tatt over plassen");
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("CONFIRMED");
        assertThat(driver.getPageSource()).contains("ola.overtar@asker.kommune.no");
        assertAccessible("the colleague's manage page");

        // Kari's link now says the seat was handed over; the colleague's link works once only.
        open(kari);
        assertThat(h1()).isEqualTo("Plassen er gitt videre");
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("HANDED_OVER");
        assertAccessible("handed-over page");
        open("/demo-mailbox");
        clickAndWait(mailLink("ola.overtar@asker.kommune.no", "/handover/"));
        assertThat(h1()).isEqualTo("Lenken virker ikke");
    }

    @Test
    void theHandOverPagesSpeakNynorskAndEnglish() {
        String eva = manageLink("eva.nynorsk@asker.kommune.no", "kart");
        open(eva + "?lang=nn");
        assertThat(h1()).isEqualTo("Påmeldinga di");
        assertThat(driver.findElement(By.id("handover-heading")).getText()).isEqualTo("Gi plassen til ein kollega");
        clickAndWait(By.id("handover"));
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Namnet til kollegaen");
        assertAccessible("nynorsk manage page with errors");
        open(eva + "?lang=en");
        assertThat(driver.findElement(By.id("change-heading")).getText()).isEqualTo("Change your answers or workshop");
        open("/?lang=nb");
    }

    // ---------------------------------------------------------------- helpers

    private void registered(String email, String session) {
        manageLink(email, session);
    }

    /** Registers through the service (the form has its own tests) and returns the manage page's path. */
    private String manageLink(String email, String session) {
        String local = email.substring(0, email.indexOf('@'));
        String name = java.util.Arrays.stream(local.split("\\."))
                .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                .collect(Collectors.joining(" "));
        RegistrationOutcome outcome = service.register(RegistrationRequest.builder(EVENT)
                .name(name)
                .email(email)
                .session(session)
                .addressVerified(true)
                .build());
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        RegistrationOutcome.Confirmed c = (RegistrationOutcome.Confirmed) outcome;
        assertThat(c.registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        return "/manage/" + c.manageToken().value();
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

    private void clickAndWait(By by) {
        clickAndWait(driver.findElement(by));
    }

    /** Clicks something that loads a new page, and waits until the new page is there. */
    private void clickAndWait(WebElement element) {
        chromium.clickAndWait(element);
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

    private void assertAccessible(String page) {
        chromium.assertAccessible(page);
    }
}
