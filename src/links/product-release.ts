import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import ReleaseModule from "../modules/release"

// Read-only: the release keeps product_id as a column (the update check filters on it), and
// Query follows it from a product to its releases without a link table.
export default defineLink(
  { linkable: ReleaseModule.linkable.licenseRelease, field: "product_id" },
  ProductModule.linkable.product,
  { readOnly: true }
)
