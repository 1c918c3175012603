import { model } from "@medusajs/framework/utils"

/**
 * One renewal reminder (docs/renewals-and-upgrades.md): at most one per license, day offset and expiry value (the
 * unique index), claimed by the job that sends it, so two runs or two instances never send it twice. A renewal that
 * moves the expiry starts a new series.
 */
const LicenseRenewalReminder = model
  .define("license_renewal_reminder", {
    id: model.id({ prefix: "lrem" }).primaryKey(),
    license_id: model.text(),
    offset_days: model.number(),
    expires_at: model.dateTime(),
    sent_at: model.dateTime().nullable(),
    notification_id: model.text().nullable(),
  })
  .indexes([
    { on: ["license_id", "offset_days", "expires_at"], unique: true },
    { on: ["sent_at"] },
  ])

export default LicenseRenewalReminder
