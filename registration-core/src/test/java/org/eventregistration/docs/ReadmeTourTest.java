package org.eventregistration.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles the Java blocks of README.md's tour into one method and runs it, so the README never
 * shows code that does not compile or does not do what it says.
 */
class ReadmeTourTest {
    private static final List<String> IMPORTS = List.of(
            "java.time.*",
            "java.util.*",
            "org.eventregistration.attendee.*",
            "org.eventregistration.capacity.*",
            "org.eventregistration.eligibility.*",
            "org.eventregistration.event.*",
            "org.eventregistration.i18n.*",
            "org.eventregistration.registration.*",
            "org.eventregistration.service.*",
            "org.eventregistration.spi.*",
            "org.eventregistration.store.memory.*");

    @Test
    void readmeTourCompilesAndRuns() throws Exception {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        // The tour is the part between the two markers; other Java blocks (JDBC, Spring) need other modules.
        int from = readme.indexOf("<!-- tour -->");
        int to = readme.indexOf("<!-- /tour -->");
        assertThat(from).as("README.md has a <!-- tour --> marker").isNotNegative();
        assertThat(to).as("README.md has a <!-- /tour --> marker").isGreaterThan(from);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(from, to));
        StringBuilder body = new StringBuilder();
        int blocks = 0;
        while (m.find()) {
            body.append(m.group(1)).append('\n');
            blocks++;
        }
        assertThat(blocks).as("java blocks in README.md").isGreaterThanOrEqualTo(4);

        StringBuilder source = new StringBuilder("package readme;\n");
        IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
        source.append("public class Tour { public static void run() throws Exception {\n")
                .append(body)
                .append("}}\n");

        Path out = Files.createTempDirectory("readme-tour");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavaFileObject unit =
                    new SimpleJavaFileObject(URI.create("string:///readme/Tour.java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return source;
                        }
                    };
            List<String> options = List.of("-classpath", classPath(), "-d", out.toString(), "-proc:none");
            boolean ok = compiler.getTask(
                            new java.io.PrintWriter(diagnostics, true, StandardCharsets.UTF_8),
                            files,
                            null,
                            options,
                            null,
                            List.of(unit))
                    .call();
            assertThat(ok)
                    .as("README tour compiles:\n%s\n%s", diagnostics.toString(StandardCharsets.UTF_8), source)
                    .isTrue();
        }

        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Method run = loader.loadClass("readme.Tour").getMethod("run");
            run.invoke(null);
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(output)
                .contains("Kari: bekreftet")
                .contains("Per (nn): Sektoren privat sektor er ikkje i målgruppa (stat, kommune).")
                .contains(
                        "email: must be a valid e-mail address, such as kari@example.no / må være en gyldig e-postadresse, som kari@eksempel.no")
                .contains("organisationNumber: must be a valid Norwegian organisation number")
                .contains("2 of 3 seats taken, 0 waiting")
                .contains("e-mail: ADDRESS_CONFIRMATION\n  e-mail: CONFIRMED\nKari: bekreftet");
    }

    private static Path readme() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException("README.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("README.md");
    }

    private static String classPath() {
        // Surefire runs tests from a manifest-only jar; it publishes the real class path here.
        String surefire = System.getProperty("surefire.test.class.path");
        List<String> parts = new ArrayList<>();
        if (surefire != null && !surefire.isBlank()) {
            parts.add(surefire);
        }
        parts.add(System.getProperty("java.class.path"));
        return String.join(java.io.File.pathSeparator, parts);
    }
}
