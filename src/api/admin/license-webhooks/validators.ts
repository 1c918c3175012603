import { z } from "@medusajs/framework/zod"
import { WEBHOOK_EVENT_TYPES } from "../../../modules/license/webhooks/events"

const events = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length)
const url = z.string().trim().min(1).max(2000)
const description = z.string().trim().max(500).nullable().optional()

export const AdminCreateLicenseWebhook = z
  // keyport_compatible: deliveries also carry X-KeyPort-Signature (docs/migrating-from-keyport.md)
  .object({ url, events, enabled: z.boolean().optional(), keyport_compatible: z.boolean().optional(), description })
  .strict()
export type AdminCreateLicenseWebhook = z.infer<typeof AdminCreateLicenseWebhook>

export const AdminUpdateLicenseWebhook = z
  .object({
    url: url.optional(),
    events: events.optional(),
    enabled: z.boolean().optional(),
    keyport_compatible: z.boolean().optional(),
    description,
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: "Give url, events, enabled, keyport_compatible or description" })
export type AdminUpdateLicenseWebhook = z.infer<typeof AdminUpdateLicenseWebhook>

const deliveryStatuses = ["pending", "sending", "succeeded", "failed"] as const

export const AdminListLicenseWebhookDeliveriesQuery = z.object({
  status: z.union([z.enum(deliveryStatuses), z.array(z.enum(deliveryStatuses))]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListLicenseWebhookDeliveriesQuery = z.infer<typeof AdminListLicenseWebhookDeliveriesQuery>
