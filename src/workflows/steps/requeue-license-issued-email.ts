import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { IssuanceNoticeRow } from "../../modules/license/sql/issuance-notices"
import type LicenseModuleService from "../../modules/license/service"

export type RequeueLicenseIssuedEmailInput = { order_id: string; now?: string | null }

export const IssuedEmailErrorCode = {
  NO_EMAIL: "order_without_email",
  NO_KEYS: "order_without_license_keys",
  SENDING: "license_email_sending",
} as const

/**
 * The admin's Resend: checks the order can be mailed (it exists, has an
 * e-mail address and keys), then starts a fresh cycle of attempts. Undone by
 * putting the previous state back.
 */
export const requeueLicenseIssuedEmailStep = createStep(
  "requeue-license-issued-email",
  async (input: RequeueLicenseIssuedEmailInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "email"],
      filters: { id: input.order_id },
    })
    const order = orders[0] as { id: string; email?: string | null } | undefined
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${input.order_id} was not found`)
    }
    if (!order.email) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order has no e-mail address to send the keys to.", IssuedEmailErrorCode.NO_EMAIL)
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const [license] = await licenseModule.listLicenses({ order_id: order.id }, { take: 1, select: ["id"] })
    if (!license) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order has no license keys to send.", IssuedEmailErrorCode.NO_KEYS)
    }
    const result = await licenseModule.requeueIssuanceNotice(order.id, input.now ? new Date(input.now) : new Date())
    if (result.type === "sending") {
      // NOT_ALLOWED (400), like the webhook Resend: Medusa answers CONFLICT
      // with a generic code and message of its own.
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The e-mail with these keys is being sent right now. Try again in a moment.",
        IssuedEmailErrorCode.SENDING
      )
    }
    return new StepResponse(result.notice, { order_id: order.id, previous: result.previous })
  },
  async (undo: { order_id: string; previous: IssuanceNoticeRow | null } | undefined, { container }) => {
    if (!undo) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.restoreIssuanceNotice(undo.order_id, undo.previous)
  }
)
