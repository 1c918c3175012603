import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import LicenseModule from "../modules/license"

// Read-only: the license keeps variant_id as a column (filters need it), and
// Query follows it without a link table.
export default defineLink(
  { linkable: LicenseModule.linkable.license, field: "variant_id" },
  ProductModule.linkable.productVariant,
  { readOnly: true }
)
