import { model } from "@medusajs/framework/utils"

/**
 * How often one license downloaded one release. Counted in memory on the download
 * path and added here in batches (downloads/download-counter.ts), never per request.
 */
const ReleaseDownload = model
  .define("license_release_download", {
    id: model.id({ prefix: "lrdl" }).primaryKey(),
    release_id: model.text(),
    license_id: model.text(),
    count: model.number().default(0),
    last_downloaded_at: model.dateTime(),
  })
  .indexes([{ on: ["release_id", "license_id"], unique: true }])

export default ReleaseDownload
