import { z } from "@medusajs/framework/zod"

/** The token of a claim link (base64url); any other string is simply not found. */
export const StoreRedeemLicenseClaim = z.object({ token: z.string().trim().min(1).max(200) }).strict()
export type StoreRedeemLicenseClaim = z.infer<typeof StoreRedeemLicenseClaim>
