import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { discordIdOfCustomer } from "../../modules/license/rules/discord-id"

/**
 * A customer a license moves to (the logged-in redeemer of a claim, or the one
 * an admin picked by id): their id, e-mail and Discord ID (metadata.discord_id, or none), which the license takes. 404
 * for an unknown id; 400 for a customer without an e-mail.
 */
export const loadTransferCustomerStep = createStep(
  "load-transfer-customer",
  async ({ customer_id }: { customer_id: string }, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const [customer] = await customers.listCustomers({ id: customer_id }, { select: ["id", "email", "metadata"], take: 1 })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${customer_id} was not found`)
    }
    if (!customer.email) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "This customer has no e-mail address.")
    }
    return new StepResponse({ id: customer.id, email: customer.email, discord_id: discordIdOfCustomer(customer.metadata) })
  }
)
