/**
 * The admin list's orders. Apart from rules/license-search-sql.ts because the admin's bundle imports the routes' zod
 * validators (src/admin/lib/forms.ts -> src/api/admin/validators.ts): this file must import nothing, least of all
 * @medusajs/framework/utils, which does not load in a browser.
 */

/** The list's orders, as the admin API accepts them (`-` = descending); the list sorts by nothing else. */
export const LICENSE_LIST_ORDERS = [
  "created_at",
  "-created_at",
  "expires_at",
  "-expires_at",
  "customer_email",
  "-customer_email",
  "product_title",
  "-product_title",
  "activations_used",
  "-activations_used",
  "max_activations",
  "-max_activations",
  "status",
  "-status",
] as const
export type LicenseListOrder = (typeof LICENSE_LIST_ORDERS)[number]
export type LicenseListColumn = Exclude<LicenseListOrder, `-${string}`>
