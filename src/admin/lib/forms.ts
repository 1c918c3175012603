import { zodResolver } from "@hookform/resolvers/zod"
import type { Resolver } from "react-hook-form"
// The server's own validators: each form checks exactly what its route checks
// (one schema, imported; nothing re-typed here). Both files are pure zod.
import { AdminCreateLicenseWebhook, AdminUpdateLicenseWebhook } from "../../api/admin/license-webhooks/validators"
import { AdminIssueLicense } from "../../api/admin/validators"
import type { WebhookBody } from "../components/webhooks/api"
import type { IssueLicenseBody } from "./api"

type Issue = { code?: string; path?: PropertyKey[]; input?: unknown }

/**
 * Plainer words for a schema's generic "too small" messages on some fields
 * (a required picker left empty); every other message is the schema's.
 */
const plainer = (messages: Record<string, string>) => ({
  error: (issue: Issue) =>
    issue.code === "too_small" || (issue.code === "invalid_type" && issue.input === undefined)
      ? messages[String(issue.path?.[0])]
      : undefined,
})

/** "Issue license": POST /admin/licenses's body, checked by AdminIssueLicense. Values stay as JSON carries them. */
export const issueLicenseResolver: Resolver<IssueLicenseBody> = zodResolver(
  AdminIssueLicense,
  plainer({ customer_id: "Pick a customer.", variant_id: "Pick a licensed variant." }),
  { raw: true }
)

const webhookMessages = plainer({ url: "Enter the endpoint URL.", events: "Choose at least one event." })

/** "Add webhook": checked by AdminCreateLicenseWebhook. */
export const createWebhookResolver: Resolver<WebhookBody> = zodResolver(AdminCreateLicenseWebhook, webhookMessages, {
  raw: true,
})

/** "Edit webhook": checked by AdminUpdateLicenseWebhook (the form always holds every field, so its values fit). */
export const updateWebhookResolver = zodResolver(AdminUpdateLicenseWebhook, webhookMessages, {
  raw: true,
}) as unknown as Resolver<WebhookBody>
