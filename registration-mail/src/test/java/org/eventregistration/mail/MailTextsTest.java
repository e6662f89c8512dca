package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.Notification.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind has its texts in bokmål, nynorsk and English, and every text renders. */
class MailTextsTest {

    static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        String path = "/org/eventregistration/mail/MailMessages_" + language + ".properties";
        try (InputStream in = MailTextsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void the_three_languages_have_the_same_keys() throws IOException {
        Properties nb = bundle("nb");
        assertThat(bundle("nn").keySet()).isEqualTo(nb.keySet());
        assertThat(bundle("en").keySet()).isEqualTo(nb.keySet());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_kind_has_a_subject_a_body_and_a_link_label_where_it_has_a_link(Kind kind) {
        for (Locale language : Languages.SUPPORTED) {
            MailTexts texts = MailTexts.of(language);
            assertThatCode(() -> texts.require(kind.name() + ".subject")).doesNotThrowAnyException();
            assertThatCode(() -> texts.require(kind.name() + ".body")).doesNotThrowAnyException();
            if (kind.link().isPresent()) {
                assertThatCode(() -> texts.require(kind.name() + ".link")).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_kind_renders_text_and_html_in_every_language_with_no_placeholder_left(Kind kind) {
        MailComposer composer = new MailComposer(LinkFormat.of("https://portal.example"));
        HtmlRenderer html = new HtmlRenderer();
        for (Locale language : Languages.SUPPORTED) {
            Registration r = Fixtures.confirmed("Kari Nordmann", "kari@example.no", language);
            Notification n = Fixtures.notification(kind);
            Delivery d = Fixtures.delivery(n, MailNotifierTest.event().build(), r);
            MailView view = composer.compose(kind, d.event().orElseThrow(), r, d.link(), d.message(), 3, Fixtures.NOW);
            String text = TextRenderer.render(view);
            String page = html.render(view);
            assertThat(view.subject()).isNotBlank().doesNotContain("{");
            assertThat(text).doesNotContain("{").doesNotContain("}").contains("Kari Nordmann");
            assertThat(page).contains("lang=\"" + language.getLanguage() + "\"").doesNotContain("${");
            kind.link().ifPresent(p -> assertThat(text).contains("https://portal.example/"));
        }
    }

    @Test
    void norwegian_texts_are_not_english() {
        for (Kind kind : Kind.values()) {
            String nb = MailTexts.of(Languages.BOKMAL).require(kind.name() + ".body");
            String nn = MailTexts.of(Languages.NYNORSK).require(kind.name() + ".body");
            String en = MailTexts.of(Languages.ENGLISH).require(kind.name() + ".body");
            assertThat(nb).isNotEqualTo(en);
            assertThat(nn).isNotEqualTo(en);
            assertThat(nn).doesNotContain(" ikke ").doesNotContain("påmeldingen");
            assertThat(nb).doesNotContain(" ikkje ").doesNotContain("påmeldinga");
        }
    }

    @Test
    void a_declined_offer_and_a_declined_registration_say_different_things() {
        MailTexts nb = MailTexts.of(Languages.BOKMAL);
        assertThat(nb.format("DECLINED.offer.subject", "X")).isEqualTo("Du har takket nei til plassen: X");
        assertThat(nb.format("DECLINED.subject", "X")).isEqualTo("Påmeldingen ble ikke godkjent: X");
        assertThat(Optional.of(MailTexts.of(Locale.forLanguageTag("no-NO")).locale()))
                .contains(Languages.BOKMAL);
        assertThat(MailTexts.of(Locale.GERMAN).locale()).isEqualTo(Languages.ENGLISH);
    }
}
