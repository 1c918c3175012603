import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { RefundAmounts } from "../../modules/license/options"
import type LicenseModuleService from "../../modules/license/service"

export type DecideRefundRevocationStepInput = {
  order_id: string | null
  /** Given by the caller (a Stripe charge); otherwise summed from the order's Medusa payments. */
  amounts?: RefundAmounts | null
}

export type RefundRevocationDecision = { revoke: boolean } & RefundAmounts

type AmountLike = number | string | { toString(): string } | null | undefined
type OrderPayments = {
  payment_collections?: Array<{
    payments?: Array<{
      amount?: AmountLike
      captures?: Array<{ amount?: AmountLike } | null> | null
      refunds?: Array<{ amount?: AmountLike } | null> | null
    } | null> | null
  } | null> | null
}

const toNumber = (value: AmountLike) => (value === null || value === undefined ? 0 : Number(value.toString()))

/** What an order's Medusa payments were paid (captured, else authorized) and refunded. */
export function orderRefundAmounts(order: OrderPayments): RefundAmounts {
  let paid = 0
  let refunded = 0
  for (const collection of order.payment_collections ?? []) {
    for (const payment of collection?.payments ?? []) {
      if (!payment) {
        continue
      }
      const captured = (payment.captures ?? []).reduce((sum, c) => sum + toNumber(c?.amount), 0)
      paid += captured > 0 ? captured : toNumber(payment.amount)
      refunded += (payment.refunds ?? []).reduce((sum, r) => sum + toNumber(r?.amount), 0)
    }
  }
  return { paid, refunded }
}

/**
 * Applies the `revokeOn` option (any refund, or only a full one) to a refund of
 * an order. No order = nothing to revoke.
 */
export const decideRefundRevocationStep = createStep(
  "decide-refund-revocation",
  async ({ order_id, amounts }: DecideRefundRevocationStepInput, { container }) => {
    if (!order_id) {
      return new StepResponse<RefundRevocationDecision>({ revoke: false, paid: 0, refunded: 0 })
    }
    let resolved = amounts ?? null
    if (!resolved) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "id",
          "payment_collections.payments.amount",
          "payment_collections.payments.captures.amount",
          "payment_collections.payments.refunds.amount",
        ],
        filters: { id: order_id },
      })
      resolved = orderRefundAmounts((data[0] ?? {}) as OrderPayments)
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse<RefundRevocationDecision>({ revoke: licenseModule.refundRevokesLicenses(resolved), ...resolved })
  }
)
