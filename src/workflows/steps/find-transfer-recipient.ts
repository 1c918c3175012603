import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type TransferRecipient = { id: string; email: string; has_account: boolean }

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * The customer a license moves to: the account registered with that e-mail
 * (case-insensitive), else an existing guest customer with it, else null (the
 * workflow then creates a guest through Medusa's createCustomersWorkflow).
 */
export const findTransferRecipientStep = createStep(
  "find-license-transfer-recipient",
  async ({ email }: { email: string }, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const found = await customers.listCustomers(
      { email: { $ilike: escapeLike(email) } },
      { select: ["id", "email", "has_account", "created_at"], take: 20 }
    )
    const best = [...found].sort(
      (a, b) => Number(b.has_account) - Number(a.has_account) || new Date(a.created_at).getTime() - new Date(b.created_at).getTime()
    )[0]
    return new StepResponse<TransferRecipient | null>(
      best ? { id: best.id, email: best.email ?? email, has_account: !!best.has_account } : null
    )
  }
)
