import { z } from "@medusajs/framework/zod"

const statuses = ["pending", "awaiting_claim", "approved", "denied", "canceled", "expired"] as const
const note = z.string().trim().max(2000).nullable().optional()

export const AdminListLicenseTransfersQuery = z.object({
  license_id: z.string().min(1).max(100).optional(),
  status: z.union([z.enum(statuses), z.array(z.enum(statuses))]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListLicenseTransfersQuery = z.infer<typeof AdminListLicenseTransfersQuery>

/** A direct transfer by the admin: to an e-mail (through a claim link) or to an existing customer by id (at once). */
export const AdminTransferLicense = z
  .object({
    license_id: z.string().min(1).max(100),
    email: z.string().trim().max(320).email().optional(),
    to_customer_id: z.string().trim().min(1).max(100).optional(),
    note,
  })
  .strict()
  .refine((body) => (body.email === undefined) !== (body.to_customer_id === undefined), {
    message: "Give either email or to_customer_id.",
    path: ["email"],
  })
export type AdminTransferLicense = z.infer<typeof AdminTransferLicense>

export const AdminDecideLicenseTransfer = z.object({ note }).strict()

export const AdminCancelLicenseTransferClaim = z.object({}).strict()
export type AdminDecideLicenseTransfer = z.infer<typeof AdminDecideLicenseTransfer>
