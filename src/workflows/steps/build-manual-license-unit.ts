import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../modules/license"
import { discordIdOfCustomer } from "../../modules/license/rules/discord-id"
import type { IssueLicenseInput } from "../../modules/license/service"
import type LicenseModuleService from "../../modules/license/service"

/** What the admin sends to issue a key without an order (workflows/issue-license-manually.ts). */
export type IssueLicenseManuallyInput = {
  /** A Medusa customer: the license is theirs (their e-mail and Discord id unless given here). */
  customer_id?: string | null
  /** Without a customer: the identity's e-mail and/or Discord id; at least one identity field is required. */
  customer_email?: string | null
  customer_discord_id?: string | null
  variant_id: string
  /** Omit for the variant policy's term; null for lifetime. */
  expires_at?: Date | null
  /** Omit for the variant policy's cap (or 1); 0 = unlimited. */
  max_activations?: number
  notes?: string | null
  actor_id: string
}

export type BuildManualLicenseUnitInput = {
  input: IssueLicenseManuallyInput
  variant: { id: string; title?: string | null; product?: { id: string; title?: string | null } | null }
}

/**
 * The customer identity (the Medusa customer's e-mail and Discord id, or what the admin
 * typed), and what the admin left out from the variant's policy (cap, term and expiry rules).
 */
export const buildManualLicenseUnitStep = createStep(
  "build-manual-license-unit",
  async ({ input, variant }: BuildManualLicenseUnitInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    let customer: { id: string; email?: string | null; metadata?: Record<string, unknown> | null } | null = null
    if (input.customer_id) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "customer",
        fields: ["id", "email", "metadata"],
        filters: { id: input.customer_id },
      })
      customer = data[0] ?? null
      if (!customer) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${input.customer_id} was not found`)
      }
    }
    const customerEmail = input.customer_email?.trim() || customer?.email || null
    const customerDiscordId = input.customer_discord_id || discordIdOfCustomer(customer?.metadata)
    if (!customer && !customerEmail && !customerDiscordId) {
      // The route refuses this first with a typed 400 (customer_identity_required).
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Give a customer, an e-mail or a Discord ID")
    }
    const [policy] = await licenseModule.listLicensePolicies({ variant_id: variant.id })
    const unit: IssueLicenseInput = {
      customer_id: customer?.id ?? null,
      customer_email: customerEmail,
      customer_discord_id: customerDiscordId,
      product_id: variant.product?.id ?? null,
      variant_id: variant.id,
      product_title: variant.product?.title ?? null,
      variant_title: variant.title ?? null,
      max_activations: input.max_activations ?? policy?.max_activations ?? 1,
      expires_at: input.expires_at,
      term_days: policy?.term_days ?? null,
      notes: input.notes ?? null,
      // The policy's expiry rules; an explicit expires_at from the admin wins over the basis (rules/expiry.ts).
      expiry_strategy: policy?.expiry_strategy,
      grace_days: policy?.grace_days,
      expiry_basis: policy?.expiry_basis,
      // Local and staging sites free (rules/local-sites.ts): the policy's, off without one.
      local_sites_free: policy?.local_sites_free ?? false,
      entitlements: policy?.entitlements ?? [],
      // Heartbeats (rules/heartbeat.ts): the policy's interval, off without one.
      heartbeat_interval_seconds: policy?.heartbeat_interval_seconds ?? null,
    }
    return new StepResponse(unit)
  }
)
