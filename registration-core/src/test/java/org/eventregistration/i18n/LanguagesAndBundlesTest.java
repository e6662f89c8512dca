package org.eventregistration.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three languages: mapping locales, and bundles that stay in step. */
class LanguagesAndBundlesTest {
    private static final String MESSAGES = "org/eventregistration/i18n/messages";
    private static final String CONTRIBUTOR = "ContributorValidationMessages";
    private static final Pattern ARG = Pattern.compile("\\{(\\d+)[^}]*}");
    /** Hibernate Validator message parameters such as {max}; EL expressions ${...} are not parameters. */
    private static final Pattern HV_PARAM = Pattern.compile("(?<!\\$)\\{[^}]*}");

    @ParameterizedTest
    @CsvSource({
        "no,nb",
        "nb,nb",
        "nb-NO,nb",
        "no-NO,nb",
        "nn,nn",
        "nn-NO,nn",
        "en,en",
        "en-GB,en",
        "en-US,en",
        "de,en",
        "se,en",
        "sv-SE,en",
        "und,en"
    })
    void resolveMapsEveryLocaleToOneOfThree(String tag, String expected) {
        assertThat(Languages.resolve(Locale.forLanguageTag(tag)).getLanguage()).isEqualTo(expected);
    }

    @Test
    void legacyNynorskLocaleAndTheConstants() {
        assertThat(Languages.resolve(new Locale("no", "NO", "NY"))).isEqualTo(Languages.NYNORSK);
        assertThat(Languages.resolve(Locale.ROOT)).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.SUPPORTED).containsExactly(Languages.BOKMAL, Languages.NYNORSK, Languages.ENGLISH);
        for (Locale l : Languages.SUPPORTED) {
            assertThat(Languages.resolve(l)).isEqualTo(l);
        }
    }

    @Test
    void messagesNeverFallBackToTheJvmDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("nb", "NO"));
            assertThat(Messages.format("status.CONFIRMED", Languages.ENGLISH)).isEqualTo("confirmed");
            assertThat(Messages.format("status.CONFIRMED", Locale.FRENCH)).isEqualTo("confirmed");
            assertThat(Messages.format("status.CONFIRMED", Languages.NYNORSK))
                    .isEqualTo(Messages.format("status.CONFIRMED", new Locale("nn", "NO")));
            Locale.setDefault(new Locale("nn", "NO"));
            assertThat(Messages.format("status.WAITLISTED", Languages.ENGLISH)).isEqualTo("on the waiting list");
            assertThat(Messages.format("error.offerExpired", Languages.BOKMAL)).startsWith("Tilbudet");
            assertThat(Messages.format("error.offerExpired", Languages.NYNORSK)).startsWith("Tilbodet");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void localizedTextFallsBackToBokmal() {
        LocalizedText t = LocalizedText.of("Feiltrinn");
        assertThat(t.message(Languages.ENGLISH)).isEqualTo("Feiltrinn");
        assertThat(t.with(Languages.ENGLISH, "Missteps").message(Locale.UK)).isEqualTo("Missteps");
        assertThat(LocalizedText.of("Feiltrinn", "Feilsteg", "Missteps").message(Locale.forLanguageTag("nn-NO")))
                .isEqualTo("Feilsteg");
    }

    @Test
    void messageBundlesHaveTheSameKeysAndPlaceholders() throws IOException {
        Map<String, String> en = load(MESSAGES + ".properties");
        Map<String, String> nb = load(MESSAGES + "_nb.properties");
        Map<String, String> nn = load(MESSAGES + "_nn.properties");
        assertThat(nb.keySet()).as("nb keys").isEqualTo(en.keySet());
        assertThat(nn.keySet()).as("nn keys").isEqualTo(en.keySet());
        for (String key : en.keySet()) {
            Set<String> args = args(ARG, en.get(key));
            assertThat(args(ARG, nb.get(key))).as("nb placeholders of %s", key).isEqualTo(args);
            assertThat(args(ARG, nn.get(key))).as("nn placeholders of %s", key).isEqualTo(args);
            for (Map.Entry<String, Map<String, String>> bundle :
                    Map.of("en", en, "nb", nb, "nn", nn).entrySet()) {
                String pattern = bundle.getValue().get(key);
                // A lone ' in MessageFormat swallows text: apostrophes must be written ''.
                assertThat(pattern.replace("''", ""))
                        .as("%s %s has a lone apostrophe", bundle.getKey(), key)
                        .doesNotContain("'");
                String rendered = new MessageFormat(pattern, Locale.forLanguageTag(bundle.getKey()))
                        .format(new Object[] {"X0", "X1", "X2"});
                for (String a : args) {
                    assertThat(rendered)
                            .as("%s %s uses {%s}", bundle.getKey(), key, a)
                            .contains("X" + a);
                }
            }
        }
        assertThat(Messages.has("status.CONFIRMED")).isTrue();
        assertThat(Messages.has("no.such.key")).isFalse();
    }

    @Test
    void contributorValidationBundlesHaveOurKeysInEveryLanguage() throws IOException {
        Map<String, String> en = load(CONTRIBUTOR + ".properties");
        Map<String, String> nb = load(CONTRIBUTOR + "_nb.properties");
        Map<String, String> nn = load(CONTRIBUTOR + "_nn.properties");
        assertThat(en).isNotEmpty();
        assertThat(own(nb)).as("our keys in nb").isEqualTo(own(en));
        assertThat(own(nn)).as("our keys in nn").isEqualTo(own(en));
        // No expression language: the library interpolates with ParameterMessageInterpolator.
        for (Map<String, String> bundle : java.util.List.of(en, nb, nn)) {
            assertThat(bundle.values()).as("texts without ${...}").noneMatch(text -> text.contains("${"));
        }
        assertThat(nb.keySet())
                .as("nb and nn translate the same built-in constraints")
                .isEqualTo(nn.keySet());
        for (String key : en.keySet()) {
            assertThat(args(HV_PARAM, nb.get(key)))
                    .as("nb placeholders of %s", key)
                    .isEqualTo(args(HV_PARAM, en.get(key)));
            assertThat(args(HV_PARAM, nn.get(key)))
                    .as("nn placeholders of %s", key)
                    .isEqualTo(args(HV_PARAM, en.get(key)));
        }
        // Hibernate Validator has no Norwegian: every built-in jakarta constraint text must be ours.
        Map<String, String> hv = load("org/hibernate/validator/ValidationMessages.properties");
        Set<String> builtIn = hv.keySet().stream()
                .filter(k -> k.startsWith("jakarta.validation.constraints."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(nb.keySet()).as("nb covers the built-in constraints").containsAll(builtIn);
        for (String key : builtIn) {
            assertThat(args(HV_PARAM, nb.get(key)))
                    .as("nb placeholders of %s", key)
                    .isEqualTo(args(HV_PARAM, hv.get(key)));
            assertThat(args(HV_PARAM, nn.get(key)))
                    .as("nn placeholders of %s", key)
                    .isEqualTo(args(HV_PARAM, hv.get(key)));
        }
    }

    private static Set<String> own(Map<String, String> bundle) {
        return bundle.keySet().stream()
                .filter(k -> k.startsWith("org.eventregistration."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> args(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }

    private static Map<String, String> load(String resource) throws IOException {
        try (InputStream in = LanguagesAndBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new TreeMap<>();
            p.forEach((k, v) -> map.put((String) k, (String) v));
            return map;
        }
    }
}
