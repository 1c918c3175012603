import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import LicenseModule from "../modules/license"

// Read-only: the license keeps customer_id as a column (filters need it), and
// Query follows it without a link table.
export default defineLink(
  { linkable: LicenseModule.linkable.license, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
