import { z } from "@medusajs/framework/zod"
import { FINGERPRINT_MAX_LENGTH, MACHINE_NAME_MAX_LENGTH } from "../../modules/license/rules/fingerprint"

const optionalText = (max: number) => z.string().max(max).nullish()

/** The body of POST /licenses/verify and /licenses/deactivate. Unknown fields are ignored. */
export const LicenseRequestSchema = z.object({
  license_key: z.string().min(1).max(512),
  domain: optionalText(1024),
  product_id: optionalText(255),
  variant_id: optionalText(255),
  version: optionalText(64),
  // A machine's fingerprint and name (rules/fingerprint.ts): the caller's identity when given.
  fingerprint: optionalText(FINGERPRINT_MAX_LENGTH),
  name: optionalText(MACHINE_NAME_MAX_LENGTH),
})

export type LicenseRequest = z.infer<typeof LicenseRequestSchema>

/** The body of POST /licenses/lookup. Unknown fields are ignored. */
export const LicenseLookupSchema = z.object({
  license_key: z.string().min(1).max(512),
})

export type LicenseLookupRequest = z.infer<typeof LicenseLookupSchema>
