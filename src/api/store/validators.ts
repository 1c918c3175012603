import { z } from "@medusajs/framework/zod"

export const StoreListCustomerLicensesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
export type StoreListCustomerLicensesQuery = z.infer<typeof StoreListCustomerLicensesQuery>
