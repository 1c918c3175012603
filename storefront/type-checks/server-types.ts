// `npm run typecheck` (storefront/tsconfig.server-types.json): the types that
// travel with the copy-in folders (storefront/src/modules/licenses/types.ts)
// must match what the server sends, both ways. The server side is its public
// types (src/modules/license/types.ts), its transfer request model and the
// store API's presenters, with Dates as the ISO strings JSON carries them.
// Not part of the copy-in: a store's starter has no plugin source to check against.
import type { InferTypeOf } from "@medusajs/framework/types"
import type { presentCustomerActivation, presentCustomerLicense, presentDeactivationPolicy } from "../../src/api/store/customer-licenses"
import type { presentCustomerTransfer } from "../../src/api/store/customers/me/licenses/[id]/transfer/respond"
import type LicenseTransferRequest from "../../src/modules/license/models/license-transfer-request"
import type { ActivationKind, EffectiveLicenseStatus } from "../../src/modules/license/types"
import type {
  LicenseStatus,
  StoreLicense,
  StoreLicenseActivation,
  StoreLicenseDeactivation,
  StoreLicenseTransfer,
  StoreLicenseTransferStatus,
} from "../src/modules/licenses/types"

/** A value as JSON.stringify writes it (Dates become strings). */
type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

export const checks: {
  status: Same<LicenseStatus, EffectiveLicenseStatus>
  activationKind: Same<StoreLicenseActivation["kind"], ActivationKind>
  license: Same<StoreLicense, Json<ReturnType<typeof presentCustomerLicense>>>
  activation: Same<StoreLicenseActivation, Json<ReturnType<typeof presentCustomerActivation>>>
  deactivation: Same<StoreLicenseDeactivation, Json<ReturnType<typeof presentDeactivationPolicy>>>
  transferStatus: Same<StoreLicenseTransferStatus, InferTypeOf<typeof LicenseTransferRequest>["status"]>
  transfer: Same<StoreLicenseTransfer, Json<ReturnType<typeof presentCustomerTransfer>> & { status: StoreLicenseTransferStatus }>
} = {
  status: true,
  activationKind: true,
  license: true,
  activation: true,
  deactivation: true,
  transferStatus: true,
  transfer: true,
}
