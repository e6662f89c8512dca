package org.eventregistration.audit;

/** What an {@link AuditEntry} records. */
public enum AuditAction {
    /** An organiser stored or changed an event definition. */
    EVENT_SAVED,
    /** An organiser approved a registration that awaited approval. */
    APPROVED,
    /** An organiser declined a registration that awaited approval. */
    DECLINED,
    /** An organiser moved a registration from the waiting list to a seat. */
    PROMOTED,
    /** An organiser cancelled a registration on the person's behalf. */
    CANCELLED_BY_ORGANISER,
    /** An organiser checked a person in. */
    CHECKED_IN,
    /** An organiser undid a check-in made by mistake. */
    CHECK_IN_UNDONE,
    /** An organiser marked a registration as a no-show. */
    MARKED_NO_SHOW,
    /** An organiser gave free seats to the waiting list. */
    FILLED_FROM_WAITING_LIST,
    /** An organiser exported an event's registrations (the entry has no registration id). */
    EXPORTED,
    /** An organiser exported everything held about one e-mail address (one entry per registration). */
    PERSONAL_DATA_EXPORTED,
    /** An organiser erased a person's data on request (one entry per registration). */
    PERSONAL_DATA_ERASED,
    /** The retention run removed the answers to sensitive questions of a registration. */
    SENSITIVE_ANSWERS_REMOVED,
    /** The retention run anonymised a registration. */
    ANONYMISED,
    /** A retention run changed something in an event (one entry per event and run). */
    RETENTION_RUN,
    /** An organiser cancelled the event, and with it every registration that was alive. */
    EVENT_CANCELLED,
    /** An organiser sent a message to the participants of some statuses. */
    MESSAGE_SENT,
    /** A person's seat went to the colleague they offered it to: their registration was cancelled. */
    SEAT_HANDED_OVER,
    /** A colleague took a seat offered to them: their new registration. */
    SEAT_TAKEN_OVER,
    /** An organiser added a person by hand (a registration by telephone, at the desk). */
    ADDED_BY_ORGANISER
}
