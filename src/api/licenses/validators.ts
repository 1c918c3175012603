import { z } from "@medusajs/framework/zod"
import { ENTITLEMENT_CODE_MAX_LENGTH, MAX_ENTITLEMENTS } from "../../modules/license/rules/entitlements"
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
  // Entitlement codes the product needs (docs/entitlements-and-license-files.md); only verify and the update check read it.
  entitlements: z.array(z.string().max(ENTITLEMENT_CODE_MAX_LENGTH)).max(MAX_ENTITLEMENTS).nullish(),
})

export type LicenseRequest = z.infer<typeof LicenseRequestSchema>

/** The body of POST /licenses/checkout: a verify request whose machine fingerprint is required; `encrypt` to the key. */
export const LicenseCheckoutSchema = LicenseRequestSchema.extend({
  fingerprint: z.string().min(1).max(FINGERPRINT_MAX_LENGTH),
  encrypt: z.boolean().optional(),
})
export type LicenseCheckoutRequest = z.infer<typeof LicenseCheckoutSchema>

/** The body of the air-gapped activation (store and admin): the request file as uploaded, its JSON text or object. */
export const OfflineActivationSchema = z
  .object({
    activation_request: z.union([z.string().max(4096), z.record(z.string(), z.unknown())]),
    encrypt: z.boolean().optional(),
  })
  .strict()
export type OfflineActivationBody = z.infer<typeof OfflineActivationSchema>

/** The body of POST /licenses/lookup. Unknown fields are ignored. */
export const LicenseLookupSchema = z.object({
  license_key: z.string().min(1).max(512),
})

export type LicenseLookupRequest = z.infer<typeof LicenseLookupSchema>
