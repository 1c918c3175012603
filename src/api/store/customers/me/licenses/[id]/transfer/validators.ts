import { z } from "@medusajs/framework/zod"

export const StoreRequestLicenseTransfer = z.object({ email: z.string().trim().max(320).email() }).strict()
export type StoreRequestLicenseTransfer = z.infer<typeof StoreRequestLicenseTransfer>
