import { model } from "@medusajs/framework/utils"

/**
 * How far a scheduled job has got, kept in PostgreSQL so that every instance
 * and every restart sees it: the reconciliation of issuance starts from where
 * its last complete run ended, so an outage of any length is caught up.
 */
const LicenseJobCursor = model
  .define("license_job_cursor", {
    id: model.id({ prefix: "ljcr" }).primaryKey(),
    name: model.text(),
    reached_at: model.dateTime(),
  })
  .indexes([{ on: ["name"], unique: true }])

export default LicenseJobCursor
