/**
 * Capacity rules ({@link org.eventregistration.capacity.CapacityPolicy}, {@link
 * org.eventregistration.capacity.ReservedSeats}, {@link org.eventregistration.capacity.WaitlistPolicy}),
 * the per-event {@link org.eventregistration.capacity.Ledger} of what is taken, and the pure {@link
 * org.eventregistration.capacity.CapacityCheck}.
 */
package org.eventregistration.capacity;
