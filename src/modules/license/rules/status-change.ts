import { RETURN_REASON } from "./returned-keys"
import type { LicenseActor } from "../types"


/** Why a license was revoked (stored in revoke_reason and the event). */
export const RevokeReason = {
  REFUND: "refund",
  CANCELED: "canceled",
  RETURN: RETURN_REASON,
} as const
export type RevokeReason = (typeof RevokeReason)[keyof typeof RevokeReason]

/** Which licenses a status change applies to; at least one must be given. */
export type LicenseSelector = { order_id?: string; license_ids?: string[] }

export type LicenseStatusChangeInput = {
  actor: LicenseActor
  /** revoke_reason for revocations; recorded in the event data for every change. */
  reason: string
  /** More context for the event (payment id, Stripe event id, dispute id...). */
  data?: Record<string, unknown>
}

/** One license a status change actually changed. */
export type LicenseStatusChange = {
  id: string
  order_id: string | null
  line_item_id: string | null
  unit_index: number
  customer_id: string | null
  status: "active" | "suspended" | "revoked"
  previous_status: "active" | "suspended" | "revoked"
}

/** How many units of a line item have been returned in total. */
export type ReturnedUnits = { line_item_id: string; returned_quantity: number }
