import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { CustomerLicenseErrorCode } from "../../../../../../../../modules/license/rules/customer-account"
import { releaseCustomerLicenseActivationWorkflow } from "../../../../../../../../workflows/release-customer-license-activation"
import { licenseNotFound, sendCustomerLicenseError } from "../../../../../../customer-licenses"

/** DELETE /store/customers/me/licenses/:id/activations/:activation_id: the customer frees one of their slots. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  // PostgreSQL text cannot hold NUL, so no id has one (and the query would fail).
  if (req.params.id.includes("\u0000")) {
    return sendCustomerLicenseError(res, licenseNotFound)
  }
  if (req.params.activation_id.includes("\u0000")) {
    return sendCustomerLicenseError(res, { code: CustomerLicenseErrorCode.ACTIVATION_NOT_FOUND, message: "Activation not found" })
  }
  const { result } = await releaseCustomerLicenseActivationWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, license_id: req.params.id, activation_id: req.params.activation_id },
  })
  if (result.type === "refused") {
    return sendCustomerLicenseError(res, result)
  }
  res.setHeader("Cache-Control", "no-store")
  res.json({
    id: result.activation_id,
    object: "license_activation",
    deleted: true,
    license: {
      id: req.params.id,
      activations_used: result.activations_used,
      deactivations_remaining: result.deactivations_remaining,
    },
  })
}
