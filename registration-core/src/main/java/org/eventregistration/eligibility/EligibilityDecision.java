package org.eventregistration.eligibility;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eventregistration.i18n.Reason;

/**
 * A verdict and the reasons for it. Immutable and thread-safe.
 *
 * @param verdict eligible, needs approval or not eligible
 * @param reasons the facts that led to the verdict, never empty for a built-in rule
 */
public record EligibilityDecision(Verdict verdict, List<Reason> reasons) {

    /** Validates and copies. */
    public EligibilityDecision {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
    }

    /** An eligible decision. */
    public static EligibilityDecision eligible(Reason... reasons) {
        return new EligibilityDecision(Verdict.ELIGIBLE, List.of(reasons));
    }

    /** A not-eligible decision. */
    public static EligibilityDecision notEligible(Reason... reasons) {
        return new EligibilityDecision(Verdict.NOT_ELIGIBLE, List.of(reasons));
    }

    /** A needs-approval decision. */
    public static EligibilityDecision needsApproval(Reason... reasons) {
        return new EligibilityDecision(Verdict.NEEDS_APPROVAL, List.of(reasons));
    }

    /** True if the verdict is {@link Verdict#ELIGIBLE}. */
    public boolean isEligible() {
        return verdict == Verdict.ELIGIBLE;
    }

    /** The reasons as sentences in the reader's language, joined by spaces. */
    public String explain(Locale locale) {
        return reasons.stream().map(r -> r.message(locale)).collect(Collectors.joining(" "));
    }
}
