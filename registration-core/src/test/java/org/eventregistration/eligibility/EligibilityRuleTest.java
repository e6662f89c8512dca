package org.eventregistration.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.Event;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Every rule and combinator, with reasons rendered in nb, nn and en. */
class EligibilityRuleTest {
    private static final OrganisationNumber DIGDIR = OrganisationNumber.parse("991825827");
    private static final OrganisationNumber OTHER = OrganisationNumber.parse("974760673");

    private static Applicant applicant(Sector sector, Role role) {
        return Applicant.of(Attendee.builder("Áilu Ŋuolla", "ailu@asker.kommune.no")
                .sector(sector)
                .role(role)
                .build());
    }

    private static final Applicant MUNICIPAL_LEADER = applicant(Sector.MUNICIPALITY, Role.LEADER);
    private static final Applicant PRIVATE_ADVISER = applicant(Sector.PRIVATE, Role.ADVISER);

    @Test
    void sectorRoleEveryoneExplainThemselvesInThreeLanguages() {
        EligibilityDecision yes =
                EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY).evaluate(MUNICIPAL_LEADER);
        assertThat(yes.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(yes.isEligible()).isTrue();
        EligibilityDecision no =
                EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY).evaluate(PRIVATE_ADVISER);
        assertThat(no.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(no.explain(Languages.ENGLISH))
                .isEqualTo("The sector private sector is not in the target audience (state, municipality).");
        assertThat(no.explain(Languages.BOKMAL))
                .isEqualTo("Sektoren privat sektor er ikke i målgruppen (stat, kommune).");
        assertThat(no.explain(Languages.NYNORSK))
                .isEqualTo("Sektoren privat sektor er ikkje i målgruppa (stat, kommune).");

        EligibilityRule roles = EligibilityRule.roleIn(Role.LEADER, Role.MIDDLE_MANAGER, Role.PROJECT_MANAGER);
        assertThat(roles.evaluate(MUNICIPAL_LEADER).verdict()).isEqualTo(Verdict.ELIGIBLE);
        EligibilityDecision adviser = roles.evaluate(PRIVATE_ADVISER);
        assertThat(adviser.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(adviser.reasons()).extracting(Reason::key).containsExactly("eligibility.role.notIn");
        assertThreeLanguages(adviser);
        assertThat(adviser.explain(Languages.ENGLISH)).contains("adviser", "leader, middle manager, project manager");

        EligibilityDecision everyone = EligibilityRule.everyone().evaluate(PRIVATE_ADVISER);
        assertThat(everyone.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThreeLanguages(everyone);
    }

    @Test
    void organisationNumberRule() {
        EligibilityRule rule = EligibilityRule.organisationNumberIn(DIGDIR);
        Applicant digdir = Applicant.of(
                Attendee.builder("A", "a@digdir.no").organisationNumber(DIGDIR).build());
        Applicant other = Applicant.of(
                Attendee.builder("B", "b@x.no").organisationNumber(OTHER).build());
        Applicant none = Applicant.of(Attendee.builder("C", "c@x.no").build());
        assertThat(rule.evaluate(digdir).verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(rule.evaluate(other).verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(rule.evaluate(other).explain(Languages.ENGLISH)).contains("974760673");
        assertThat(rule.evaluate(none).reasons())
                .extracting(Reason::key)
                .containsExactly("eligibility.organisation.missing");
        assertThreeLanguages(rule.evaluate(none));
    }

    @Test
    void emailDomainAdmitsSubdomainsButNotLookalikes() {
        EligibilityRule rule = EligibilityRule.emailDomainIn("@Kommune.no", "digdir.no");
        assertThat(rule.evaluate(email("ola@kommune.no")).isEligible()).isTrue();
        assertThat(rule.evaluate(email("Ola@Asker.KOMMUNE.no")).isEligible()).isTrue();
        assertThat(rule.evaluate(email("ola@digdir.no")).isEligible()).isTrue();
        assertThat(rule.evaluate(email("ola@notkommune.no")).isEligible()).isFalse();
        assertThat(rule.evaluate(email("ola@kommune.no.evil.com")).isEligible()).isFalse();
        EligibilityDecision no = rule.evaluate(email("ola@gmail.com"));
        assertThat(no.explain(Languages.ENGLISH)).contains("gmail.com", "digdir.no, kommune.no");
        assertThreeLanguages(no);
        assertThatThrownBy(() -> EligibilityRule.emailDomainIn(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EligibilityRule.emailDomainIn("a@b.no")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invitationCodeIgnoresCaseAndSurroundingSpace() {
        EligibilityRule rule = EligibilityRule.invitationCode("FEIL-2030", "GJEST");
        assertThat(rule.evaluate(new Applicant(MUNICIPAL_LEADER.attendee(), " feil-2030 "))
                        .isEligible())
                .isTrue();
        assertThat(rule.evaluate(new Applicant(MUNICIPAL_LEADER.attendee(), "gjest"))
                        .isEligible())
                .isTrue();
        EligibilityDecision wrong = rule.evaluate(new Applicant(MUNICIPAL_LEADER.attendee(), "FEIL-2031"));
        assertThat(wrong.reasons()).extracting(Reason::key).containsExactly("eligibility.invitation.invalid");
        EligibilityDecision missing = rule.evaluate(MUNICIPAL_LEADER);
        assertThat(missing.reasons()).extracting(Reason::key).containsExactly("eligibility.invitation.missing");
        assertThreeLanguages(wrong);
        assertThreeLanguages(missing);
        assertThat(rule.toString()).doesNotContain("FEIL", "GJEST");
        assertThatThrownBy(() -> EligibilityRule.invitationCode(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customRuleUsesItsOwnReasons() {
        EligibilityRule rule = EligibilityRule.custom(
                "public",
                a -> a.attendee().sector().isPublic(),
                Reason.of("eligibility.everyone"),
                Reason.of("eligibility.notEligible"));
        assertThat(rule.evaluate(MUNICIPAL_LEADER).reasons()).containsExactly(Reason.of("eligibility.everyone"));
        EligibilityDecision no = rule.evaluate(PRIVATE_ADVISER);
        assertThat(no.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(no.explain(Languages.ENGLISH)).isEqualTo("You are not in the target audience of the event.");
    }

    @Test
    void allOfIsTheWorstAndGivesTheFailingReasons() {
        EligibilityRule audience = EligibilityRule.allOf(
                EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY),
                EligibilityRule.roleIn(Role.LEADER, Role.MIDDLE_MANAGER));
        EligibilityDecision yes = audience.evaluate(MUNICIPAL_LEADER);
        assertThat(yes.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(yes.reasons())
                .extracting(Reason::key)
                .containsExactly("eligibility.sector.in", "eligibility.role.in");

        EligibilityDecision halfway = audience.evaluate(applicant(Sector.MUNICIPALITY, Role.ADVISER));
        assertThat(halfway.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(halfway.reasons()).extracting(Reason::key).containsExactly("eligibility.role.notIn");

        EligibilityDecision neither = audience.evaluate(PRIVATE_ADVISER);
        assertThat(neither.reasons())
                .extracting(Reason::key)
                .containsExactly("eligibility.sector.notIn", "eligibility.role.notIn");
        assertThreeLanguages(neither);

        // approval is worse than eligible and better than not eligible
        EligibilityRule withApproval = EligibilityRule.allOf(
                EligibilityRule.everyone(),
                EligibilityRule.sectorIn(Sector.STATE).orApproval());
        assertThat(withApproval.evaluate(PRIVATE_ADVISER).verdict()).isEqualTo(Verdict.NEEDS_APPROVAL);
        assertThat(EligibilityRule.sectorIn(Sector.STATE)
                        .orApproval()
                        .and(EligibilityRule.roleIn(Role.STUDENT))
                        .evaluate(PRIVATE_ADVISER)
                        .verdict())
                .isEqualTo(Verdict.NOT_ELIGIBLE);
    }

    @Test
    void anyOfIsTheBestAndGivesTheAdmittingReasons() {
        EligibilityRule rule = EligibilityRule.anyOf(
                EligibilityRule.sectorIn(Sector.STATE), EligibilityRule.emailDomainIn("kommune.no"));
        EligibilityDecision yes = rule.evaluate(MUNICIPAL_LEADER); // not state, but a kommune.no address
        assertThat(yes.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(yes.reasons()).extracting(Reason::key).containsExactly("eligibility.emailDomain.in");

        EligibilityDecision no = rule.evaluate(Applicant.of(
                Attendee.builder("X", "x@firma.no").sector(Sector.PRIVATE).build()));
        assertThat(no.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(no.reasons())
                .extracting(Reason::key)
                .containsExactly("eligibility.sector.notIn", "eligibility.emailDomain.notIn");
        assertThreeLanguages(no);

        EligibilityRule orApproval = EligibilityRule.sectorIn(Sector.STATE)
                .or(EligibilityRule.roleIn(Role.LEADER).orApproval());
        assertThat(orApproval.evaluate(PRIVATE_ADVISER).verdict()).isEqualTo(Verdict.NEEDS_APPROVAL);
    }

    @Test
    void notInvertsButKeepsApprovalAndTheFacts() {
        EligibilityRule notPrivate = EligibilityRule.not(EligibilityRule.sectorIn(Sector.PRIVATE));
        assertThat(notPrivate.evaluate(MUNICIPAL_LEADER).verdict()).isEqualTo(Verdict.ELIGIBLE);
        EligibilityDecision no = notPrivate.evaluate(PRIVATE_ADVISER);
        assertThat(no.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(no.reasons()).extracting(Reason::key).containsExactly("eligibility.sector.in");
        assertThat(EligibilityRule.not(EligibilityRule.sectorIn(Sector.STATE).orApproval())
                        .evaluate(PRIVATE_ADVISER)
                        .verdict())
                .isEqualTo(Verdict.NEEDS_APPROVAL);
        assertThat(EligibilityRule.not(EligibilityRule.not(EligibilityRule.sectorIn(Sector.PRIVATE)))
                        .evaluate(PRIVATE_ADVISER)
                        .verdict())
                .isEqualTo(Verdict.ELIGIBLE);
    }

    @Test
    void orApprovalTurnsNoIntoAskAnOrganiser() {
        EligibilityRule rule = EligibilityRule.sectorIn(Sector.STATE).orApproval();
        assertThat(rule.evaluate(applicant(Sector.STATE, Role.OTHER)).verdict()).isEqualTo(Verdict.ELIGIBLE);
        EligibilityDecision ask = rule.evaluate(PRIVATE_ADVISER);
        assertThat(ask.verdict()).isEqualTo(Verdict.NEEDS_APPROVAL);
        assertThat(ask.reasons())
                .extracting(Reason::key)
                .containsExactly("eligibility.sector.notIn", "eligibility.approvalRequired");
        assertThat(ask.explain(Languages.ENGLISH)).endsWith("An organiser will decide whether you can attend.");
        assertThreeLanguages(ask);
    }

    @Test
    void outsideAudienceRejectsOrHoldsForApproval() {
        RegistrationService service = RegistrationService.builder()
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        EligibilityRule audience = EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY);
        Event reject = Fixtures.event("reject", 10)
                .eligibility(audience, OutsideAudience.REJECT)
                .build();
        Event approve = Fixtures.event("approve", 10)
                .eligibility(audience, OutsideAudience.REQUIRE_APPROVAL)
                .build();
        Event ruleAsks = Fixtures.event("rule-asks", 10)
                .eligibility(audience.orApproval(), OutsideAudience.REJECT)
                .build();
        Fixtures.console(service).saveEvent(reject);
        Fixtures.console(service).saveEvent(approve);
        Fixtures.console(service).saveEvent(ruleAsks);

        RegistrationOutcome rejected = service.register(
                Fixtures.person(reject, "c@firma.no").sector(Sector.PRIVATE).build());
        assertThat(rejected)
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Rejected.class,
                        r -> assertThat(r.reasons())
                                .extracting(Reason::key)
                                .containsExactly("eligibility.sector.notIn"));
        assertThat(Fixtures.console(service).registrations(reject.id())).isEmpty();

        RegistrationOutcome pending = service.register(
                Fixtures.person(approve, "c@firma.no").sector(Sector.PRIVATE).build());
        assertThat(pending)
                .isInstanceOfSatisfying(
                        RegistrationOutcome.PendingApproval.class,
                        p -> assertThat(p.reasons())
                                .extracting(Reason::key)
                                .containsExactly("eligibility.sector.notIn", "eligibility.approvalRequired"));
        assertThat(service.register(Fixtures.person(ruleAsks, "c@firma.no")
                        .sector(Sector.PRIVATE)
                        .build()))
                .isInstanceOf(RegistrationOutcome.PendingApproval.class);
        assertThat(service.register(Fixtures.person(reject, "s@stat.no").build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    private static Applicant email(String address) {
        return Applicant.of(Attendee.builder("X", address).build());
    }

    private static void assertThreeLanguages(EligibilityDecision d) {
        assertThat(d.reasons()).isNotEmpty();
        List<String> texts =
                List.of(d.explain(Languages.BOKMAL), d.explain(Languages.NYNORSK), d.explain(Languages.ENGLISH));
        assertThat(texts).allSatisfy(t -> assertThat(t).isNotBlank().doesNotContain("{", "}"));
        assertThat(d.explain(Languages.BOKMAL)).isNotEqualTo(d.explain(Languages.ENGLISH));
        assertThat(d.explain(Locale.forLanguageTag("nb-NO"))).isEqualTo(d.explain(Languages.BOKMAL));
    }
}
