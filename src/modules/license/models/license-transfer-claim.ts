import { model } from "@medusajs/framework/utils"

/**
 * The one-time claim link of an approved transfer (docs/transfers.md): the
 * recipient gets a random token by e-mail; only its SHA-256 hash is stored. The
 * license moves when a logged-in customer redeems the token before `expires_at`;
 * `used_at` makes it single use, `canceled_at` is set when the admin cancels it.
 */
const LicenseTransferClaim = model
  .define("license_transfer_claim", {
    id: model.id({ prefix: "ltcl" }).primaryKey(),
    transfer_request_id: model.text(),
    license_id: model.text(),
    // The owner when the claim was made: redeeming requires the license still to be theirs.
    from_customer_id: model.text().nullable(),
    to_email: model.text(),
    token_hash: model.text(),
    expires_at: model.dateTime(),
    used_at: model.dateTime().nullable(),
    used_by_customer_id: model.text().nullable(),
    canceled_at: model.dateTime().nullable(),
    canceled_by: model.text().nullable(),
  })
  .indexes([
    { on: ["token_hash"], unique: true },
    { on: ["transfer_request_id"] },
  ])

export default LicenseTransferClaim
