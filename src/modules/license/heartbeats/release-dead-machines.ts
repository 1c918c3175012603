import type { FreedSeatOnTake } from "../sql/activations"
import { licensesWithDeadSeats, releaseDeadSeats } from "../sql/heartbeats"
import type LicenseModuleService from "../service"
import { LicenseEvents } from "../types"

/**
 * Heartbeats and floating seats (rules/heartbeat.ts, docs/verify-api.md
 * "Heartbeats and floating seats"): the release of dead machine seats by the
 * scheduled job (src/jobs/release-dead-machines.ts), and the license.deactivated
 * event of a seat a new machine took over in the slot statement.
 */

export type ReleaseDeadMachinesResult = { licenses: number; released: number; complete: boolean }

const LICENSES_PER_BATCH = 200
const MAX_BATCHES = 25

/**
 * Frees every machine seat dead at `now` (default: the clock), one statement
 * per license (its row lock, then the seats), recorded as released_by
 * heartbeat with a `deactivated` event each, and emits license.deactivated per
 * seat, as every other free does. Two instances running it at once free each
 * seat once. At most 5,000 licenses a run (`complete` false: more next run).
 */
export async function releaseDeadMachines(
  this: LicenseModuleService,
  input: { now?: Date } = {}
): Promise<ReleaseDeadMachinesResult> {
  const now = input.now ?? new Date()
  const knex = this.verifyRuntime().knex
  const result: ReleaseDeadMachinesResult = { licenses: 0, released: 0, complete: false }
  const seen = new Set<string>()
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const ids = (await licensesWithDeadSeats(knex, now, LICENSES_PER_BATCH)).filter((id) => !seen.has(id))
    if (!ids.length) {
      result.complete = true
      return result
    }
    for (const licenseId of ids) {
      seen.add(licenseId)
      const freed = await releaseDeadSeats(knex, licenseId, now)
      if (freed.length) {
        result.licenses++
        result.released += freed.length
      }
      for (const seat of freed) {
        this.events_.activation(
          LicenseEvents.DEACTIVATED,
          licenseId,
          { kind: "machine", value: seat.identifier },
          seat.lastIp ?? "",
          seat.activationId,
          seat.activationsUsed
        )
      }
    }
  }
  return result
}

/** license.deactivated for the dead seat a new machine took over (sql/heartbeats.ts FREE_DEAD_SEAT). */
export function emitTakenOverSeat(service: LicenseModuleService, licenseId: string, freed: FreedSeatOnTake | null, activationsUsed: number) {
  if (freed) {
    service.events_.activation(
      LicenseEvents.DEACTIVATED,
      licenseId,
      { kind: "machine", value: freed.identifier },
      freed.lastIp ?? "",
      freed.activationId,
      activationsUsed
    )
  }
}
