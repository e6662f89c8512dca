package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** The form's inputs stop where the library's limits are, so nobody types 5,000 characters in vain. */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:portal-limits-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class RegisterFormLimitsTest {
    @Autowired
    MockMvc mvc;

    private static String maxlength(String page, String id) {
        Matcher input = Pattern.compile("<input[^>]*\\bid=\"" + id + "\"[^>]*>").matcher(page);
        assertThat(input.find()).as("input %s", id).isTrue();
        Matcher max = Pattern.compile("maxlength=\"(\\d+)\"").matcher(input.group());
        assertThat(max.find()).as("maxlength of %s", id).isTrue();
        return max.group(1);
    }

    @Test
    void everyTextInputHasTheLibrarysLimit() throws Exception {
        String page = mvc.perform(get("/events/feiltrinn/register"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(maxlength(page, "name")).isEqualTo("200");
        assertThat(maxlength(page, "email")).isEqualTo("254");
        assertThat(maxlength(page, "phone")).isEqualTo("40");
        assertThat(maxlength(page, "organisationName")).isEqualTo("200");
        assertThat(maxlength(page, "organisationNumber")).isEqualTo("20");
    }
}
