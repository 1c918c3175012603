import { model } from "@medusajs/framework/utils"

/**
 * Store-wide licensing settings: one row, id `store` (sql/store-settings.ts). No row = the
 * defaults. `local_site_patterns`: the store's own local and staging site patterns
 * (`*.wpengine.com`, `preview.shop.com`), in stored form (rules/local-sites.ts), added to the
 * built-in list for keys whose policy makes local sites free.
 */
const LicenseStoreSetting = model.define("license_store_setting", {
  id: model.id().primaryKey(),
  local_site_patterns: model.array(),
})

export default LicenseStoreSetting
