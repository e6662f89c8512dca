package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The organiser's day in a real headless Chromium: an admin adds a person by hand and sees them in
 * the list; the check-in URL from the person's confirmation (the QR code's) opens the login page
 * for a stranger and, after check-in staff log in, the person's check-in; the day-of check-in list
 * at 320 px; the print view (its print styles hide the page's header). axe-core finds no serious
 * or critical WCAG 2.1 A/AA violation on any of these pages.
 */
@ExtendWith(RequiresBrowser.class)
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:portal-organiser-day-browser-${random.uuid};DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganiserDayBrowserTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final EventId DAY = EventId.of("e2e-dagen");

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
        service.console(OrganiserId.DEFAULT, "arrangor")
                .saveEvent(Event.builder(DAY)
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .title(LocalizedText.of("Fagdag om innsjekking", "Fagdag om innsjekking", "Check-in day"))
                        .schedule(
                                ZonedDateTime.of(day, LocalTime.of(9, 0), OSLO),
                                ZonedDateTime.of(day, LocalTime.of(15, 0), OSLO))
                        .venue(Venue.of("Rådhuset", "Katrineåsveien 20, 1383 Asker"))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(3))
                        .waitlist(WaitlistPolicy.autoPromote())
                        .build());

        chromium = Chromium.start("portal-chromium-day");
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

    private void logIn(String user) {
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo-passord-123");
        clickAndWait(By.id("login-submit"));
    }

    private void logOut() {
        List<WebElement> logout = driver.findElements(By.cssSelector("form.logout button"));
        if (!logout.isEmpty()) {
            clickAndWait(logout.get(0));
        }
    }

    private void assertAccessible(String page) {
        chromium.assertAccessible(page);
    }

    private int horizontalOverflow() {
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        return ((Number) overflow).intValue();
    }

    /** The href of the first link in the newest demo-mailbox message to the address that contains {@code part}. */
    private String mailLink(String email, String part) {
        for (int attempt = 0; attempt < 20; attempt++) {
            open("/demo-mailbox");
            for (WebElement mail : driver.findElements(By.cssSelector(".mail"))) {
                if (mail.findElement(By.cssSelector(".mail-to")).getText().contains(email)) {
                    List<WebElement> links = mail.findElements(By.cssSelector(".mail-text a[href*='" + part + "']"));
                    if (!links.isEmpty()) {
                        return links.get(0).getAttribute("href");
                    }
                }
            }
            try {
                Thread.sleep(250); // the mail is sent right after the commit, on the request's thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no e-mail to " + email + " with a link to " + part);
    }

    private Registration byName(String name) {
        return service.console(OrganiserId.DEFAULT, "arrangor").registrations(DAY).stream()
                .filter(r -> r.attendee().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no registration of " + name));
    }

    @Test
    @Order(1)
    void anAdminAddsAPersonByHandWhoThenAppearsInTheList() {
        open("/organiser/events/" + DAY.value() + "?lang=nb");
        logIn("arrangor");
        open("/organiser/events/" + DAY.value() + "?lang=nb");
        assertThat(h1()).startsWith("Deltakere");
        assertAccessible("organiser event page with the day's links");

        clickAndWait(By.id("add-participant"));
        assertThat(h1()).isEqualTo("Legg til deltaker");
        assertAccessible("add participant form");

        clickAndWait(By.id("submit"));
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Velg sektor.");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        assertAccessible("add participant form with errors");

        driver.findElement(By.id("name")).sendKeys("Telefon Tone");
        driver.findElement(By.id("email")).sendKeys("tone.telefon@example.no");
        driver.findElement(By.id("organisationName")).sendKeys("Asker kommune");
        new Select(driver.findElement(By.id("sector"))).selectByValue("MUNICIPALITY");
        new Select(driver.findElement(By.id("role"))).selectByValue("LEADER");
        clickAndWait(By.id("submit"));

        assertThat(driver.getCurrentUrl()).contains("/organiser/events/" + DAY.value());
        assertThat(driver.findElement(By.id("done")).getText()).contains("Telefon Tone er lagt til");
        Registration tone = byName("Telefon Tone");
        assertThat(tone.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(driver.findElement(By.cssSelector(
                                "tr[data-registration='" + tone.id().value() + "'] th.name"))
                        .getText())
                .isEqualTo("Telefon Tone");

        // Sorted by name, with the skip link past the table.
        clickAndWait(By.id("sort-name"));
        assertThat(driver.findElement(By.id("sort-name"))
                        .findElement(By.xpath(".."))
                        .getAttribute("aria-sort"))
                .isEqualTo("ascending");
        assertThat(driver.findElement(By.id("skip-table")).getAttribute("href")).endsWith("#after-participants");
        assertAccessible("sorted participant table");
    }

    @Test
    @Order(2)
    void theCheckInUrlFromTheConfirmationChecksThePersonInForStaffAfterTheLogin() {
        String checkIn = mailLink("tone.telefon@example.no", "/check-in/");
        assertThat(checkIn).startsWith(url("/check-in/"));
        assertThat(checkIn).doesNotContain("/manage/");
        String manage = mailLink("tone.telefon@example.no", "/manage/");
        assertThat(checkIn.substring(checkIn.lastIndexOf('/') + 1))
                .isNotEqualTo(manage.substring(manage.lastIndexOf('/') + 1));

        logOut();
        driver.get(checkIn);
        assertThat(driver.getCurrentUrl()).as("a stranger gets the login page").endsWith("/login");
        logIn("vert");
        assertThat(driver.getCurrentUrl())
                .as("back to the check-in after the login")
                .startsWith(checkIn);
        assertThat(h1()).isEqualTo("Innsjekking: Telefon Tone");
        assertAccessible("check-in page of the QR code");

        clickAndWait(By.id("check-in-button"));
        assertThat(driver.findElement(By.id("done")).getText()).contains("Telefon Tone er sjekket inn");
        assertThat(driver.findElement(By.id("person")).getAttribute("data-status"))
                .isEqualTo("CHECKED_IN");
        assertThat(byName("Telefon Tone").status()).isEqualTo(RegistrationStatus.CHECKED_IN);
        assertAccessible("check-in page after checking in");
    }

    @Test
    @Order(3)
    void theDayOfCheckInListWorksOnANarrowPhone() {
        service.register(org.eventregistration.registration.RegistrationRequest.builder(DAY)
                .name("Kari Nordmann")
                .email("kari.nordmann@example.no")
                .organisation("Bærum kommune")
                .sector(org.eventregistration.attendee.Sector.MUNICIPALITY)
                .role(org.eventregistration.attendee.Role.ADVISER)
                .addressVerified(true)
                .build());
        Dimension wide = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(320, 800));
            open("/organiser/events/" + DAY.value() + "/check-in?lang=nb");
            if (driver.getCurrentUrl().endsWith("/login")) {
                logIn("vert");
                open("/organiser/events/" + DAY.value() + "/check-in?lang=nb");
            }
            assertThat(h1()).startsWith("Innsjekking");
            assertThat(driver.findElement(By.id("arrived")).getText()).isEqualTo("1 av 2 har møtt.");
            assertThat(horizontalOverflow())
                    .as("no sideways scrolling at 320 px")
                    .isLessThanOrEqualTo(0);
            assertAccessible("check-in list at 320 px");

            driver.findElement(By.id("q")).sendKeys("kari");
            clickAndWait(By.cssSelector("#check-in-search button"));
            List<WebElement> arrivals = driver.findElements(By.cssSelector("#arrivals .arrival"));
            assertThat(arrivals).hasSize(1);
            WebElement button = arrivals.get(0).findElement(By.cssSelector("button"));
            assertThat(button.getSize().getHeight()).as("a big button").isGreaterThanOrEqualTo(44);
            clickAndWait(button);
            assertThat(driver.findElement(By.id("done")).getText()).contains("Kari Nordmann er sjekket inn");
            assertThat(driver.findElement(By.id("arrived")).getText()).isEqualTo("2 av 2 har møtt.");
            assertThat(horizontalOverflow()).isLessThanOrEqualTo(0);
            assertAccessible("check-in list after checking in at 320 px");
        } finally {
            driver.manage().window().setSize(wide);
        }
    }

    @Test
    @Order(4)
    void thePrintViewRendersTheListAndBadgesAndPrintsWithoutThePagesChrome() {
        open("/organiser/events/" + DAY.value() + "?lang=nb");
        if (driver.getCurrentUrl().endsWith("/login")) {
            logIn("vert");
            open("/organiser/events/" + DAY.value() + "?lang=nb");
        }
        clickAndWait(By.id("print-view"));
        assertThat(h1()).startsWith("Deltakerliste");
        assertThat(driver.findElements(By.cssSelector("#print-participants tbody tr")))
                .hasSize(2);
        assertThat(driver.findElements(By.cssSelector("#badges .badge"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector(".site-header")).isDisplayed())
                .isTrue();
        assertAccessible("print view");

        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.cssSelector(".site-header")).isDisplayed())
                    .as("no header on paper")
                    .isFalse();
            assertThat(driver.findElement(By.id("print-button")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("print-participants")).isDisplayed())
                    .isTrue();
            Object breakBefore = chrome.executeScript(
                    "return getComputedStyle(document.querySelector('.print-badges')).breakBefore;");
            assertThat(breakBefore).as("the badges on pages of their own").isEqualTo("page");
        } finally {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        logOut();
    }
}
