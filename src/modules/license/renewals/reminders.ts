import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import type LicenseModuleService from "../service"
import { type ClaimedReminder, claimDueReminders } from "../sql/renewal-reminders"

/** A reminder due more than this long ago is not sent any more (the key expired long before the policy renewed). */
export const REMINDER_STALE_DAYS = 30
/** A reminder claimed but not marked sent after this long is claimed again (the sender crashed in between). */
export const REMINDER_LEASE_MS = 10 * 60 * 1000

export type { ClaimedReminder }

/**
 * Claims the renewal reminders due at `now` (sql/renewal-reminders.ts): each offset once per license and expiry
 * value, whichever run or instance gets there first.
 */
export async function claimRenewalReminders(this: LicenseModuleService, now: Date, limit: number, sharedContext: Context) {
  return await claimDueReminders(transactionKnex(sharedContext), { now, limit, staleDays: REMINDER_STALE_DAYS, leaseMs: REMINDER_LEASE_MS })
}
