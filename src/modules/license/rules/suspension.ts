import { type LicenseActor, LicenseActorType } from "../types"

/**
 * Why a license is suspended (docs/verify-api.md "Suspensions"): `billing` when the system
 * suspended it over a payment (a Stripe dispute, the suspend-order-licenses workflow: every
 * suspension not made by a person), `manual` when an admin did. Kept on the license
 * (`license.suspension`) while it is suspended, so the Verify lookup reads it in its one query.
 */
export const SuspensionKind = { BILLING: "billing", MANUAL: "manual" } as const
export type SuspensionKind = (typeof SuspensionKind)[keyof typeof SuspensionKind]

export function suspensionKind(actor: LicenseActor): SuspensionKind {
  return actor.type === LicenseActorType.ADMIN ? SuspensionKind.MANUAL : SuspensionKind.BILLING
}
