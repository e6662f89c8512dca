package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Public-side bugs from "The organiser's day": nynorsk word forms, the favicon, the login form. */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-public-fixes-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class PublicSideFixesTest {
    /**
     * "påmeld", "avmeld" and "meld av" as participles: the standard nynorsk forms (Nynorskordboka,
     * melde – meldte – meldt) are "påmeldt", "avmeldt", "meldt av" (plural "påmelde" is fine).
     */
    private static final Pattern NON_STANDARD = Pattern.compile(
            "(?iu)(\\b(er|vart|blir|ikkje|allereie|no)\\s+(påmeld|avmeld|meld av)\\b(?!e))|(=avmeld$)|(^avmeld av)");

    @Autowired
    MockMvc mvc;

    private static List<String> offending(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = PublicSideFixesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> bad = new ArrayList<>();
        p.forEach((k, v) -> {
            if (NON_STANDARD.matcher((String) v).find()
                    || NON_STANDARD.matcher("=" + v).find()) {
                bad.add(k + "=" + v);
            }
        });
        return bad;
    }

    @Test
    void nynorskUsesTheStandardFormsPaameldtAndAvmeldt() throws IOException {
        assertThat(offending("messages_nn.properties")).isEmpty();
        assertThat(offending("org/eventregistration/i18n/messages_nn.properties"))
                .isEmpty();
        assertThat(offending("org/eventregistration/mail/MailMessages_nn.properties"))
                .isEmpty();
    }

    @Test
    void theFaviconIsThere() throws Exception {
        mvc.perform(get("/favicon.ico"))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/favicon.svg"));
        mvc.perform(get("/favicon.svg")).andExpect(status().isOk());
    }

    @Test
    void theLoginFormKeepsTheUserNameAfterAWrongPassword() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login")
                        .session(session)
                        .with(csrf())
                        .param("username", "arrangor")
                        .param("password", "feil-passord"))
                .andExpect(redirectedUrl("/login?error"));
        String page = mvc.perform(get("/login?error").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("value=\"arrangor\"")
                .doesNotContain("feil-passord")
                .contains("href=\"#password\"");
        // Shown once: a fresh visit to the form starts empty.
        assertThat(mvc.perform(get("/login").session(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .doesNotContain("value=\"arrangor\"");
    }
}
