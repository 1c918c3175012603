import { z } from "@medusajs/framework/zod"

/** GET /admin/licenses/overview: how many UTC days the chart covers, and the "expiring soon" window. */
export const AdminLicensingOverviewQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(366).default(30),
    expiring_within_days: z.coerce.number().int().min(1).max(366).default(30),
  })
  .strict()
export type AdminLicensingOverviewQuery = z.infer<typeof AdminLicensingOverviewQuery>
