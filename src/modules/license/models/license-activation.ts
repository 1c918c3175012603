import { model } from "@medusajs/framework/utils"
import License from "./license"

/**
 * One domain or IP that holds (or held) a slot of a license. Freeing a slot sets
 * released_at instead of deleting the row, so the history stays.
 */
const LicenseActivation = model
  .define("license_activation", {
    id: model.id({ prefix: "lact" }).primaryKey(),
    kind: model.enum(["domain", "ip"]),
    identifier: model.text(),
    first_seen_at: model.dateTime(),
    last_seen_at: model.dateTime(),
    last_ip: model.text().nullable(),
    released_at: model.dateTime().nullable(),
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
  ])

export default LicenseActivation
