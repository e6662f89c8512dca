package org.eventregistration.eligibility;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.i18n.Reason;

/**
 * Who may register for an event: a rule that looks at an {@link Applicant} and returns a {@link
 * EligibilityDecision} with its reasons.
 *
 * <p>Rules compose: {@link #allOf}, {@link #anyOf}, {@link #not}, and {@link #orApproval} to turn
 * a "no" into "ask an organiser". The built-in rules are records, immutable and thread-safe; a
 * custom rule must be thread-safe too. A rule never throws for an attendee it does not like: it
 * says so in its decision.
 *
 * <pre>{@code
 * // "Ledere, mellomledere og prosjektledere i stat og kommune"
 * EligibilityRule audience = EligibilityRule.allOf(
 *         EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY),
 *         EligibilityRule.roleIn(Role.LEADER, Role.MIDDLE_MANAGER, Role.PROJECT_MANAGER));
 * }</pre>
 */
@FunctionalInterface
public interface EligibilityRule {

    /** Decides for one applicant. Must not return null. */
    EligibilityDecision evaluate(Applicant applicant);

    /** Everyone may register. */
    static EligibilityRule everyone() {
        return Everyone.INSTANCE;
    }

    /** The attendee's sector is one of these. */
    static EligibilityRule sectorIn(Sector first, Sector... more) {
        return new SectorIn(EnumSet.of(first, more));
    }

    /** The attendee's role is one of these. */
    static EligibilityRule roleIn(Role first, Role... more) {
        return new RoleIn(EnumSet.of(first, more));
    }

    /** The attendee's organisation number is one of these. */
    static EligibilityRule organisationNumberIn(OrganisationNumber first, OrganisationNumber... more) {
        Set<OrganisationNumber> numbers = new LinkedHashSet<>();
        numbers.add(first);
        numbers.addAll(List.of(more));
        return new OrganisationNumberIn(numbers);
    }

    /**
     * The attendee's e-mail address is in one of these domains or their subdomains: {@code
     * kommune.no} admits {@code asker.kommune.no}.
     */
    static EligibilityRule emailDomainIn(String first, String... more) {
        Set<String> domains = new LinkedHashSet<>();
        domains.add(first);
        domains.addAll(List.of(more));
        return new EmailDomainIn(domains);
    }

    /** The applicant typed one of these invitation codes (compared in constant time, ignoring case). */
    static EligibilityRule invitationCode(String first, String... more) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(first);
        codes.addAll(List.of(more));
        return new InvitationCode(codes);
    }

    /**
     * A rule of the caller's own: the predicate decides, and the two reasons explain a yes and a
     * no. The name identifies the rule (for example when an event definition is stored).
     */
    static EligibilityRule custom(String name, Predicate<Applicant> predicate, Reason whenMet, Reason whenNotMet) {
        return new Custom(name, predicate, whenMet, whenNotMet);
    }

    /** All rules must say yes; the verdict is the worst of theirs. */
    static EligibilityRule allOf(EligibilityRule first, EligibilityRule... more) {
        return new AllOf(list(first, more));
    }

    /** One rule saying yes is enough; the verdict is the best of theirs. */
    static EligibilityRule anyOf(EligibilityRule first, EligibilityRule... more) {
        return new AnyOf(list(first, more));
    }

    /** Turns eligible into not eligible and back; "needs approval" stays. */
    static EligibilityRule not(EligibilityRule rule) {
        return new Not(rule);
    }

    /** This rule, but "not eligible" becomes "needs approval": an organiser decides. */
    default EligibilityRule orApproval() {
        return new OrApproval(this);
    }

    /** Shorthand for {@code allOf(this, other)}. */
    default EligibilityRule and(EligibilityRule other) {
        return allOf(this, other);
    }

    /** Shorthand for {@code anyOf(this, other)}. */
    default EligibilityRule or(EligibilityRule other) {
        return anyOf(this, other);
    }

    private static List<EligibilityRule> list(EligibilityRule first, EligibilityRule... more) {
        List<EligibilityRule> rules = new ArrayList<>();
        rules.add(first);
        rules.addAll(List.of(more));
        return rules;
    }

    /** Admits everyone. */
    enum Everyone implements EligibilityRule {
        /** The single instance. */
        INSTANCE;

        /** Decisions are immutable: the same one serves every applicant. */
        private static final EligibilityDecision DECISION =
                EligibilityDecision.eligible(Reason.of("eligibility.everyone"));

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            return DECISION;
        }
    }

    /**
     * The sector is one of the given ones.
     *
     * @param sectors the admitted sectors, not empty
     */
    record SectorIn(Set<Sector> sectors) implements EligibilityRule {
        /** Validates and copies. */
        public SectorIn {
            sectors = requireNotEmpty(Set.copyOf(sectors), "sectors");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            Sector sector = applicant.attendee().sector();
            List<Sector> sorted = sectors.stream().sorted().toList();
            return sectors.contains(sector)
                    ? EligibilityDecision.eligible(Reason.of("eligibility.sector.in", sector, sorted))
                    : EligibilityDecision.notEligible(Reason.of("eligibility.sector.notIn", sector, sorted));
        }
    }

    /**
     * The role is one of the given ones.
     *
     * @param roles the admitted roles, not empty
     */
    record RoleIn(Set<Role> roles) implements EligibilityRule {
        /** Validates and copies. */
        public RoleIn {
            roles = requireNotEmpty(Set.copyOf(roles), "roles");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            Role role = applicant.attendee().role();
            List<Role> sorted = roles.stream().sorted().toList();
            return roles.contains(role)
                    ? EligibilityDecision.eligible(Reason.of("eligibility.role.in", role, sorted))
                    : EligibilityDecision.notEligible(Reason.of("eligibility.role.notIn", role, sorted));
        }
    }

    /**
     * The organisation number is one of the given ones.
     *
     * @param numbers the admitted organisations, not empty
     */
    record OrganisationNumberIn(Set<OrganisationNumber> numbers) implements EligibilityRule {
        /** Validates and copies. */
        public OrganisationNumberIn {
            numbers = requireNotEmpty(Set.copyOf(numbers), "numbers");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            return applicant
                    .attendee()
                    .organisationNumber()
                    .map(n -> numbers.contains(n)
                            ? EligibilityDecision.eligible(Reason.of("eligibility.organisation.in", n.value()))
                            : EligibilityDecision.notEligible(Reason.of("eligibility.organisation.notIn", n.value())))
                    .orElseGet(() -> EligibilityDecision.notEligible(Reason.of("eligibility.organisation.missing")));
        }
    }

    /**
     * The e-mail domain is one of these or a subdomain of one.
     *
     * @param domains lower-case domains without {@code @}, not empty
     */
    record EmailDomainIn(Set<String> domains) implements EligibilityRule {
        /** Validates, normalizes and copies. */
        public EmailDomainIn {
            Set<String> normalized = new LinkedHashSet<>();
            for (String d : domains) {
                String domain = d.strip().toLowerCase(Locale.ROOT);
                if (domain.startsWith("@")) {
                    domain = domain.substring(1);
                }
                if (domain.isEmpty() || domain.contains("@")) {
                    throw new IllegalArgumentException("not an e-mail domain: '" + d + "'");
                }
                normalized.add(domain);
            }
            domains = requireNotEmpty(Set.copyOf(normalized), "domains");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            String domain = applicant.attendee().emailDomain();
            List<String> sorted = domains.stream().sorted().toList();
            for (String d : domains) {
                if (domain.equals(d) || domain.endsWith("." + d)) {
                    return EligibilityDecision.eligible(Reason.of("eligibility.emailDomain.in", domain, sorted));
                }
            }
            return EligibilityDecision.notEligible(Reason.of("eligibility.emailDomain.notIn", domain, sorted));
        }
    }

    /**
     * The applicant has one of these invitation codes.
     *
     * @param codes the valid codes, not empty
     */
    record InvitationCode(Set<String> codes) implements EligibilityRule {
        /** Validates and copies. */
        public InvitationCode {
            for (String code : codes) {
                if (code.isBlank()) {
                    throw new IllegalArgumentException("an invitation code must not be blank");
                }
            }
            codes = requireNotEmpty(Set.copyOf(codes), "codes");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            String typed = applicant.invitationCode().strip();
            if (typed.isEmpty()) {
                return EligibilityDecision.notEligible(Reason.of("eligibility.invitation.missing"));
            }
            byte[] typedBytes = typed.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            boolean match = false;
            for (String code : codes) {
                // Check every code, in constant time each, so timing tells nothing about which is close.
                match |= MessageDigest.isEqual(
                        typedBytes, code.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            }
            return match
                    ? EligibilityDecision.eligible(Reason.of("eligibility.invitation.valid"))
                    : EligibilityDecision.notEligible(Reason.of("eligibility.invitation.invalid"));
        }

        @Override
        public String toString() {
            return "InvitationCode[" + codes.size() + " codes]";
        }
    }

    /**
     * A caller-supplied rule.
     *
     * @param name identifies the rule
     * @param predicate true admits
     * @param whenMet the reason given when the predicate is true
     * @param whenNotMet the reason given when it is false
     */
    record Custom(String name, Predicate<Applicant> predicate, Reason whenMet, Reason whenNotMet)
            implements EligibilityRule {
        /** Validates. */
        public Custom {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(predicate, "predicate");
            Objects.requireNonNull(whenMet, "whenMet");
            Objects.requireNonNull(whenNotMet, "whenNotMet");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            return predicate.test(applicant)
                    ? EligibilityDecision.eligible(whenMet)
                    : EligibilityDecision.notEligible(whenNotMet);
        }
    }

    /**
     * All must admit. The reasons are those of the rules that decided the verdict: the failing ones
     * when it is not eligible, all of them when it is.
     *
     * @param rules the rules, not empty
     */
    record AllOf(List<EligibilityRule> rules) implements EligibilityRule {
        /** Validates and copies. */
        public AllOf {
            rules = requireNotEmpty(List.copyOf(rules), "rules");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            List<EligibilityDecision> decisions =
                    rules.stream().map(r -> r.evaluate(applicant)).toList();
            Verdict verdict = Verdict.ELIGIBLE;
            for (EligibilityDecision d : decisions) {
                verdict = verdict.worst(d.verdict());
            }
            Verdict result = verdict;
            List<Reason> reasons = decisions.stream()
                    .filter(d -> result == Verdict.ELIGIBLE || d.verdict() != Verdict.ELIGIBLE)
                    .flatMap(d -> d.reasons().stream())
                    .toList();
            return new EligibilityDecision(verdict, reasons);
        }
    }

    /**
     * One must admit. The reasons are those of the admitting rules when one admits, else all.
     *
     * @param rules the rules, not empty
     */
    record AnyOf(List<EligibilityRule> rules) implements EligibilityRule {
        /** Validates and copies. */
        public AnyOf {
            rules = requireNotEmpty(List.copyOf(rules), "rules");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            List<EligibilityDecision> decisions =
                    rules.stream().map(r -> r.evaluate(applicant)).toList();
            Verdict verdict = Verdict.NOT_ELIGIBLE;
            for (EligibilityDecision d : decisions) {
                verdict = verdict.best(d.verdict());
            }
            Verdict result = verdict;
            List<Reason> reasons = decisions.stream()
                    .filter(d -> result == Verdict.NOT_ELIGIBLE || d.verdict() == result)
                    .flatMap(d -> d.reasons().stream())
                    .toList();
            return new EligibilityDecision(verdict, reasons);
        }
    }

    /**
     * The negation of a rule. Its reasons are the inner rule's: they state facts, true either way.
     *
     * @param rule the negated rule
     */
    record Not(EligibilityRule rule) implements EligibilityRule {
        /** Validates. */
        public Not {
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            EligibilityDecision inner = rule.evaluate(applicant);
            Verdict verdict = switch (inner.verdict()) {
                case ELIGIBLE -> Verdict.NOT_ELIGIBLE;
                case NOT_ELIGIBLE -> Verdict.ELIGIBLE;
                case NEEDS_APPROVAL -> Verdict.NEEDS_APPROVAL;
            };
            return new EligibilityDecision(verdict, inner.reasons());
        }
    }

    /**
     * A rule whose "no" becomes "an organiser decides".
     *
     * @param rule the inner rule
     */
    record OrApproval(EligibilityRule rule) implements EligibilityRule {
        /** Validates. */
        public OrApproval {
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public EligibilityDecision evaluate(Applicant applicant) {
            EligibilityDecision inner = rule.evaluate(applicant);
            if (inner.verdict() != Verdict.NOT_ELIGIBLE) {
                return inner;
            }
            List<Reason> reasons = new ArrayList<>(inner.reasons());
            reasons.add(Reason.of("eligibility.approvalRequired"));
            return new EligibilityDecision(Verdict.NEEDS_APPROVAL, reasons);
        }
    }

    private static <C extends java.util.Collection<?>> C requireNotEmpty(C values, String what) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return values;
    }
}
