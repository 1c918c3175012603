import { model } from "@medusajs/framework/utils"

/**
 * A request to move a license to another e-mail: asked by its owner in the
 * storefront and decided by the admin, or made and approved at once by an admin
 * (a direct transfer). At most one open (pending or awaiting_claim) request per license.
 */
const LicenseTransferRequest = model
  .define("license_transfer_request", {
    id: model.id({ prefix: "ltrq" }).primaryKey(),
    license_id: model.text(),
    from_customer_id: model.text().nullable(),
    from_email: model.text().nullable(),
    to_email: model.text(),
    // The customer the license went to (set on approval).
    to_customer_id: model.text().nullable(),
    // awaiting_claim: approved, the claim link is out; the license moves when it is redeemed (docs/transfers.md).
    status: model.enum(["pending", "awaiting_claim", "approved", "denied", "canceled", "expired"]).default("pending"),
    // Who asked: the owner (customer) or an admin (direct transfer).
    requested_by_type: model.enum(["customer", "admin"]),
    requested_by_id: model.text().nullable(),
    // The admin's note on the decision.
    note: model.text().nullable(),
    decided_by: model.text().nullable(),
    decided_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_license_transfer_request_one_pending", on: ["license_id"], unique: true, where: "status IN ('pending', 'awaiting_claim') AND deleted_at IS NULL" },
    { on: ["license_id", "created_at"] },
    { on: ["status", "created_at"] },
  ])

export default LicenseTransferRequest
