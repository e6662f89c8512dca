package org.eventregistration.examples.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where Debian's Chromium and chromedriver are installed. Without them the
 * class is skipped with a one-line reason, unless {@code REGISTRATION_REQUIRE_BROWSER=true} (CI
 * sets it): then it fails, so a CI machine without a browser cannot pass by skipping.
 */
final class RequiresBrowser implements ExecutionCondition {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
        }
        String reason = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install -y chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("REGISTRATION_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("REGISTRATION_REQUIRE_BROWSER=true but " + reason);
        }
        return ConditionEvaluationResult.disabled("Skipped: " + reason);
    }
}
