import { model } from "@medusajs/framework/utils"
import License from "./license"

/**
 * One domain, IP or machine (by its fingerprint, rules/fingerprint.ts) that holds (or held) a slot of a license. Freeing a slot sets
 * released_at instead of deleting the row, so the history stays.
 */
const LicenseActivation = model
  .define("license_activation", {
    id: model.id({ prefix: "lact" }).primaryKey(),
    kind: model.enum(["domain", "ip", "machine"]),
    identifier: model.text(),
    // A machine's name as its app reports it ("Ana's MacBook"); null for domains and IPs.
    name: model.text().nullable(),
    first_seen_at: model.dateTime(),
    last_seen_at: model.dateTime(),
    last_ip: model.text().nullable(),
    released_at: model.dateTime().nullable(),
    // Who freed the slot (deactivation-budget/budget.ts ReleasedBy); only some count against the budget.
    released_by: model.text().nullable(),
    license: model.belongsTo(() => License, { mappedBy: "activations" }),
  })
  .indexes([
    // At most one held slot per identity and license.
    {
      name: "IDX_license_activation_held_identity",
      on: ["license_id", "kind", "identifier"],
      unique: true,
      where: "released_at IS NULL AND deleted_at IS NULL",
    },
    { on: ["license_id"] },
    // The deactivation budget's count and the admin's paged activations.
    {
      name: "IDX_license_activation_license_released",
      on: ["license_id", "released_at"],
      where: "released_at IS NOT NULL AND deleted_at IS NULL",
    },
    // The pruning job (history/prune-sql.ts).
    { name: "IDX_license_activation_released_at", on: ["released_at"], where: "released_at IS NOT NULL" },
  ])

export default LicenseActivation
