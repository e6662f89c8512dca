/** Events and their parts: sessions, hosts, venue, questions, registration window. */
package org.eventregistration.event;
