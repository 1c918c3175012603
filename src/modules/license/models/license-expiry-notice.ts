import { model } from "@medusajs/framework/utils"

/**
 * That a license was seen expired (by a verify) for a given expiry: one row per
 * (license, expires_at), so `license.expired` goes out once per expiry, when it
 * is first observed, and again only if the admin extends the license and it
 * expires again.
 */
const LicenseExpiryNotice = model
  .define("license_expiry_notice", {
    id: model.id({ prefix: "lexn" }).primaryKey(),
    license_id: model.text(),
    expires_at: model.dateTime(),
  })
  .indexes([{ on: ["license_id", "expires_at"], unique: true }])

export default LicenseExpiryNotice
