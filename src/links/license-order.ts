import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import LicenseModule from "../modules/license"

// Read-only: the license keeps order_id as a column (filters need it), and
// Query follows it without a link table.
export default defineLink(
  { linkable: LicenseModule.linkable.license, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true }
)
