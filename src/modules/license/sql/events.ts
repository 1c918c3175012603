import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import type { VerifyIdentity } from "../rules/identity"
import type { LicenseActor, LicenseEventType } from "../types"
import type { ReleasedSlot } from "./activations"

/**
 * The rows of license_event (a license's history). Every feature builds its
 * rows here: `licenseEventRow` for the ORM's createLicenseEvents, and the raw
 * insert of the installed product's own events. The Verify API's hot-path
 * statements (sql/activations.ts, sql/refusals.ts) write their rows inside
 * their single statement.
 */

/** One license_event row for createLicenseEvents. */
export function licenseEventRow(
  licenseId: string,
  type: LicenseEventType,
  actor: LicenseActor,
  data: Record<string, unknown>
) {
  return { license_id: licenseId, type, actor_type: actor.type, actor_id: actor.id ?? null, data }
}

/** The data of a `reset` event: how many slots were freed, the count after, and which. */
export function resetEventData(released: ReleasedSlot[], activationsUsed: number, extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    released: released.length,
    activations_used: activationsUsed,
    slots: released.map((slot) => ({ activation_id: slot.activationId, kind: slot.kind, identifier: slot.identifier })),
  }
}

/** The data of a `deactivated` event for one freed slot. */
export function releasedSlotEventData(slot: ReleasedSlot, extra: Record<string, unknown> = {}) {
  return {
    activation_id: slot.activationId,
    kind: slot.kind,
    identifier: slot.identifier,
    activations_used: slot.activationsUsed,
    ...extra,
  }
}

/** Writes an `activated` or `deactivated` event by the installed product. */
export async function insertActivationEvent(
  db: Knex | Knex.Transaction,
  type: "activated" | "deactivated",
  licenseId: string,
  identity: VerifyIdentity,
  data: Record<string, unknown>
): Promise<void> {
  await db.raw(
    `INSERT INTO license_event (id, license_id, type, actor_type, actor_id, data, created_at, updated_at)
     VALUES (?, ?, ?, 'installed_product', ?, ?::jsonb, now(), now())`,
    [
      entityId("levt"),
      licenseId,
      type,
      identity.value,
      JSON.stringify({ kind: identity.kind, identifier: identity.value, ...data }),
    ]
  )
}
