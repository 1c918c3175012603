import { z } from "@medusajs/framework/zod"
import { FINGERPRINT_MAX_LENGTH } from "../../../modules/license/rules/fingerprint"
import { LicenseRequestSchema } from "../validators"

/** The body of POST /licenses/heartbeat: a verify whose fingerprint is required (a heartbeat is a machine's). */
export const HeartbeatRequestSchema = LicenseRequestSchema.extend({
  fingerprint: z.string().min(1, "fingerprint is required: a heartbeat names its machine").max(FINGERPRINT_MAX_LENGTH),
})

export type HeartbeatRequest = z.infer<typeof HeartbeatRequestSchema>
