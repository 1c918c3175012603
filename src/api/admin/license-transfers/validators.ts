import { z } from "@medusajs/framework/zod"

const statuses = ["pending", "approved", "denied", "canceled"] as const
const note = z.string().trim().max(2000).nullable().optional()

export const AdminListLicenseTransfersQuery = z.object({
  license_id: z.string().min(1).max(100).optional(),
  status: z.union([z.enum(statuses), z.array(z.enum(statuses))]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListLicenseTransfersQuery = z.infer<typeof AdminListLicenseTransfersQuery>

/** A direct transfer by the admin. */
export const AdminTransferLicense = z
  .object({ license_id: z.string().min(1).max(100), email: z.string().trim().max(320).email(), note })
  .strict()
export type AdminTransferLicense = z.infer<typeof AdminTransferLicense>

export const AdminDecideLicenseTransfer = z.object({ note }).strict()
export type AdminDecideLicenseTransfer = z.infer<typeof AdminDecideLicenseTransfer>
