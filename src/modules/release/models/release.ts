import { model } from "@medusajs/framework/utils"

/**
 * One version of a product's software (docs/software-delivery.md): its channel, its
 * state (draft -> published -> yanked), its changelog and WordPress metadata, and the
 * one artifact stored through the File Module (a private file: never a public URL).
 * `version` is stored in strict semver form (rules/release-version.ts). `required_entitlement`:
 * only keys holding that code may install it (rules/installable.ts).
 */
const Release = model
  .define("license_release", {
    id: model.id({ prefix: "lrel" }).primaryKey(),
    product_id: model.text(),
    version: model.text(),
    channel: model.enum(["stable", "beta", "alpha"]).default("stable"),
    status: model.enum(["draft", "published", "yanked"]).default("draft"),
    changelog: model.text().nullable(),
    wp_requires: model.text().nullable(),
    wp_tested: model.text().nullable(),
    wp_requires_php: model.text().nullable(),
    // An entitlement code (license rules/entitlements.ts) a key must hold to be offered or served this release.
    required_entitlement: model.text().nullable(),
    published_at: model.dateTime().nullable(),
    yanked_at: model.dateTime().nullable(),
    artifact_file_id: model.text(),
    artifact_name: model.text(),
    artifact_size: model.number(),
    artifact_sha256: model.text(),
  })
  .indexes([
    { on: ["product_id", "channel", "version"], unique: true },
    { on: ["product_id", "status"] },
  ])

export default Release
