package org.eventregistration.service;

import jakarta.validation.ValidatorFactory;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.MethodType;
import jakarta.validation.metadata.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eventregistration.attendee.EmailAddress;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.PlainText;
import org.eventregistration.registration.RegistrationRequest;

/**
 * The Jakarta Validation constraints of {@link RegistrationRequest}, checked directly: a request
 * that meets every one of them is valid, and Jakarta Validation would find nothing. Only a request
 * that may break one is handed to the validator, for its violations and their messages in three
 * languages. So the common, valid request costs no validator run (which cost more than a third of
 * a registration's CPU time).
 *
 * <p>Used only while the validator's view of the request is exactly the one written here ({@link
 * #mirrors}): the same constraints with the same attributes, in the default group, validated by the
 * provider's own validators or ours, nothing cascaded, no class or getter constraints. A constraint
 * added to the request, or one a {@code validation.xml} mapping adds or replaces, turns the shortcut
 * off until it is written here too ({@code RequestConstraintsTest} says so).
 */
final class RequestConstraints {
    /**
     * What {@link #mirrors} expects: per property, each constraint with its attributes (not its
     * message, groups or payload), and those of the container elements (key {@code <0>}, value
     * {@code <1>}).
     */
    static final String EXPECTED = String.join(
            "\n",
            "answers: Size{max=100, min=0}",
            "answers<0>: NotNull{} PlainText{formatCharacters=false, multiline=false} Size{max=64, min=0}",
            "answers<1>: NotNull{} PlainText{formatCharacters=true, multiline=true} Size{max=10000, min=0}",
            "email: EmailAddress{} NotBlank{} PlainText{formatCharacters=false, multiline=false} Size{max=254, min=0}",
            "eventId: NotNull{}",
            "idempotencyKey: Pattern{flags=[], regexp=[A-Za-z0-9_.:-]*} Size{max=100, min=0}",
            "invitationCode: PlainText{formatCharacters=false, multiline=false} Size{max=100, min=0}",
            "name: NotBlank{} PlainText{formatCharacters=false, multiline=false} Size{max=200, min=0}",
            "organisationName: PlainText{formatCharacters=false, multiline=false} Size{max=200, min=0}",
            "organisationNumber: Size{max=20, min=0} ValidOrganisationNumber{}",
            "phone: Pattern{flags=[], regexp=[+0-9 ()-]*} Size{max=40, min=0}",
            "role: NotNull{}",
            "sector: NotNull{}",
            "sessions: Size{max=50, min=0}",
            "sessions<0>: NotNull{} PlainText{formatCharacters=false, multiline=false} Size{max=64, min=0}");

    private static final String PROVIDER_VALIDATORS = "org.hibernate.validator.internal.constraintvalidators.";

    private RequestConstraints() {}

    /**
     * True if every constraint of the request holds: then the validator finds no violation. False
     * if one may not hold (the validator then says which, and why).
     */
    static boolean hold(RegistrationRequest r) {
        return r.eventId() != null
                && r.sector() != null
                && r.role() != null
                && notBlank(r.name())
                && r.name().length() <= 200
                && singleLine(r.name())
                && notBlank(r.email())
                && r.email().length() <= 254
                && singleLine(r.email())
                && EmailAddress.Validator.isPublicAddress(r.email())
                && r.phone().length() <= 40
                && phone(r.phone())
                && r.organisationName().length() <= 200
                && singleLine(r.organisationName())
                && r.organisationNumber().length() <= 20
                && organisationNumber(r.organisationNumber())
                && r.invitationCode().length() <= 100
                && singleLine(r.invitationCode())
                && r.idempotencyKey().length() <= 100
                && idempotencyKey(r.idempotencyKey())
                && sessions(r.sessions())
                && answers(r.answers());
    }

    /** {@code @NotBlank} as Hibernate Validator 9 ({@link String#isBlank}) and 8 ({@link String#trim}) decide it. */
    private static boolean notBlank(String s) {
        return s != null && !s.isBlank() && !s.trim().isEmpty();
    }

    /** {@code @PlainText} with its defaults; true for the empty text. */
    private static boolean singleLine(String s) {
        return s != null && (s.isEmpty() || PlainText.Validator.isPlain(s, false, false));
    }

    /** {@code @Pattern(regexp = "[+0-9 ()-]*")}. */
    private static boolean phone(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '(' || c == ')' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code @Pattern(regexp = "[A-Za-z0-9_.:-]*")}. */
    private static boolean idempotencyKey(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == ':'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code @ValidOrganisationNumber}. */
    private static boolean organisationNumber(String s) {
        return s.isEmpty() || OrganisationNumber.isValid(s.replace(" ", ""));
    }

    private static boolean sessions(Set<String> sessions) {
        if (sessions.size() > 50) {
            return false;
        }
        for (String s : sessions) {
            if (s == null || s.length() > 64 || !singleLine(s)) {
                return false;
            }
        }
        return true;
    }

    private static boolean answers(Map<String, String> answers) {
        if (answers.size() > 100) {
            return false;
        }
        for (Map.Entry<String, String> e : answers.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k == null || k.length() > 64 || !singleLine(k)) {
                return false;
            }
            if (v == null || v.length() > 10_000 || !PlainText.Validator.isPlain(v, true, true)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if the factory's validators see exactly the constraints {@link #hold} checks, validated
     * by the provider's own validators (Hibernate Validator's) or the library's: the shortcut then
     * decides as they would.
     */
    static boolean mirrors(ValidatorFactory factory) {
        try {
            return EXPECTED.equals(describe(factory));
        } catch (RuntimeException e) {
            return false; // a provider that cannot describe its metadata: no shortcut
        }
    }

    /** The factory's view of the request's constraints, as {@link #EXPECTED} writes it; null if unsupported. */
    static String describe(ValidatorFactory factory) {
        BeanDescriptor bean = factory.getValidator().getConstraintsForClass(RegistrationRequest.class);
        if (!bean.getConstraintDescriptors().isEmpty()
                || !bean.getConstrainedConstructors().isEmpty()
                || !bean.getConstrainedMethods(MethodType.GETTER, MethodType.NON_GETTER)
                        .isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (PropertyDescriptor p : bean.getConstrainedProperties()) {
            if (p.isCascaded() || !p.getGroupConversions().isEmpty()) {
                return null;
            }
            String constraints = constraints(p.getConstraintDescriptors());
            if (constraints == null) {
                return null;
            }
            lines.add(p.getPropertyName() + ":" + constraints);
            for (ContainerElementTypeDescriptor c : p.getConstrainedContainerElementTypes()) {
                String elements = constraints(c.getConstraintDescriptors());
                if (elements == null
                        || c.isCascaded()
                        || !c.getConstrainedContainerElementTypes().isEmpty()) {
                    return null;
                }
                lines.add(p.getPropertyName() + "<" + c.getTypeArgumentIndex() + ">:" + elements);
            }
        }
        lines.sort(Comparator.naturalOrder());
        return String.join("\n", lines);
    }

    private static String constraints(Set<ConstraintDescriptor<?>> descriptors) {
        List<String> all = new ArrayList<>();
        for (ConstraintDescriptor<?> d : descriptors) {
            if (!d.getGroups().equals(Set.of(Default.class))
                    || !d.getComposingConstraints().isEmpty()
                    || d.isReportAsSingleViolation()) {
                return null;
            }
            Class<?> type = d.getAnnotation().annotationType();
            jakarta.validation.Constraint declared = type.getAnnotation(jakarta.validation.Constraint.class);
            List<Class<?>> own = declared == null ? List.of() : Arrays.asList(declared.validatedBy());
            for (Class<?> validator : d.getConstraintValidatorClasses()) {
                if (!own.contains(validator) && !validator.getName().startsWith(PROVIDER_VALIDATORS)) {
                    return null;
                }
            }
            Map<String, String> attributes = new TreeMap<>();
            d.getAttributes().forEach((name, value) -> {
                if (!name.equals("message") && !name.equals("groups") && !name.equals("payload")) {
                    attributes.put(
                            name, value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value));
                }
            });
            all.add(type.getSimpleName() + attributes.toString());
        }
        all.sort(Comparator.naturalOrder());
        StringBuilder s = new StringBuilder();
        for (String c : all) {
            s.append(' ').append(c);
        }
        return s.toString();
    }
}
