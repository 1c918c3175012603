import { z } from "@medusajs/framework/zod"

/**
 * POST /api/v1/validate's body: KeyPort's `license_key`, `version` and `device_id`
 * (accepted, not used: a slot is the caller's `domain`, else its IP), plus our `domain`.
 * Unknown fields are ignored.
 */
export const KeyPortValidateSchema = z.object({
  license_key: z.string().min(1).max(512),
  version: z.string().max(64).nullish(),
  device_id: z.string().max(255).nullish(),
  domain: z.string().max(1024).nullish(),
})

export type KeyPortValidateRequest = z.infer<typeof KeyPortValidateSchema>
