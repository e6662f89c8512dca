/**
 * The person's e-mails over SMTP: {@link org.eventregistration.mail.MailNotifier} is a {@link
 * org.eventregistration.spi.RegistrationListener} that writes to the person about every change of
 * their registration, in bokmål, nynorsk or English, as text and HTML, with their personal link
 * ({@link org.eventregistration.mail.LinkFormat}) and, where they have a seat, a calendar entry
 * ({@link org.eventregistration.mail.EventCalendar}).
 *
 * <p>Delivery is at least once: a message that could not be sent stays pending in the outbox and is
 * sent again by {@link org.eventregistration.service.RegistrationService#deliverPendingNotifications()}.
 * Every copy carries the same {@code Message-ID}, derived from the notification's id, so that a
 * receiver can drop duplicates.
 */
package org.eventregistration.mail;
