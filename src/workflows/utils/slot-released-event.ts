/** A slot that was freed, as the module's release methods report it. */
export type FreedSlot = {
  activationId: string
  kind: string
  identifier: string
  /** The license's count after this release. */
  activationsUsed: number
}

/**
 * The data of `license.deactivated` when the admin ("Free slot", "Reset all")
 * or the customer ("Free this slot") freed a slot: one event per slot, emitted
 * by the workflow (emitEventStep) once the release committed. The Verify API's
 * /licenses/deactivate emits its own (with the caller's ip) from the module.
 */
export const slotReleasedEventData = (licenseId: string, slot: FreedSlot) => ({
  id: licenseId,
  activation: { id: slot.activationId, kind: slot.kind, identifier: slot.identifier },
  activations_used: slot.activationsUsed,
})
