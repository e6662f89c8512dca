package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Behind a TLS-terminating proxy (server.forward-headers-strategy): a request that came over https
 * gets the session cookie marked {@code Secure} and HSTS; a plain-http one gets neither.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-tls-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
class ForwardedTlsTest {
    @LocalServerPort
    int port;

    private HttpResponse<String> loginPage(boolean overTls) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"));
        if (overTls) {
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.5");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void overTlsTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        HttpResponse<String> response = loginPage(true);
        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure"));
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void overPlainHttpNeither() throws Exception {
        HttpResponse<String> response = loginPage(false);
        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").doesNotContain("Secure"));
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
}
