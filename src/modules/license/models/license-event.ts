import { model } from "@medusajs/framework/utils"
import License from "./license"

/** The history of a license: one row per change, with who did it. */
const LicenseEvent = model
  .define("license_event", {
    id: model.id({ prefix: "levt" }).primaryKey(),
    type: model.enum([
      "issued",
      "activated",
      "activation_refused",
      "deactivated",
      "reset",
      "revoked",
      "suspended",
      "reinstated",
      "updated",
      "transferred",
      "trial_converted",
      "trial_conversion_rolled_back",
      "upgraded",
      "upgrade_rolled_back",
    ]),
    actor_type: model.enum(["system", "admin", "customer", "installed_product"]),
    actor_id: model.text().nullable(),
    data: model.json().nullable(),
    license: model.belongsTo(() => License, { mappedBy: "events" }),
  })
  .indexes([
    { on: ["license_id", "created_at"] },
    // The Licensing overview's issued and revoked keys per day (sql/overview.ts, Migration20261209100000).
    {
      name: "IDX_license_event_issued_revoked_created_at",
      on: ["created_at", "type"],
      where: "type IN ('issued', 'revoked') AND deleted_at IS NULL",
    },
    // The pruning job deletes old churn events (history/prune-sql.ts).
    {
      name: "IDX_license_event_churn_created_at",
      on: ["created_at"],
      where: "type IN ('activated', 'deactivated', 'activation_refused')",
    },
  ])

export default LicenseEvent
