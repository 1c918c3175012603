import { createStep, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"
import type { LicenseStatusChange } from "../modules/license/service"
import { LicenseActorType, LicenseEvents } from "../modules/license/types"
import { reinstateLicensesStep } from "./steps/reinstate-licenses"
import { revokeLicensesStep } from "./steps/revoke-licenses"
import { suspendLicensesStep } from "./steps/suspend-licenses"

/**
 * The admin's status changes of chosen licenses: revoke (one or many),
 * suspend and reinstate. The changes themselves are the Revocation steps
 * (one conditional UPDATE each, an event per license actually changed); these
 * workflows name the admin as the actor, emit the bus events, and say why a
 * single license did not change.
 */

type AdminStatusInput = { actor_id: string; reason?: string }

const adminActor = (actorId: string) => ({ type: LicenseActorType.ADMIN, id: actorId })

type Action = "revoke" | "suspend" | "reinstate"

const REFUSALS: Record<Action, (status: string) => string> = {
  revoke: () => "This license is already revoked.",
  suspend: (status) =>
    status === "suspended" ? "This license is already suspended." : "A revoked license cannot be suspended.",
  reinstate: (status) =>
    status === "revoked" ? "A revoked license cannot be reinstated." : "Only a suspended license can be reinstated.",
}

/** A single-license action that changed nothing: 404 for an unknown id, else why the status forbids it. */
const requireChangedStep = createStep(
  "require-license-status-changed",
  async ({ id, action, changed }: { id: string; action: Action; changed: LicenseStatusChange[] }, { container }) => {
    if (!changed.length) {
      const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
      const [license] = await licenseModule.listLicenses({ id }, { select: ["id", "status"], take: 1 })
      if (!license) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${id} was not found`)
      }
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, REFUSALS[action](license.status))
    }
  }
)

export type AdminRevokeLicensesInput = AdminStatusInput & { ids: string[]; reason: string }
export type AdminRevokeLicensesResult = { revoked: string[]; skipped: string[] }

export const adminRevokeLicensesWorkflowId = "admin-revoke-licenses"

/** Bulk revoke: every chosen license not revoked yet; the others are reported as skipped. */
export const adminRevokeLicensesWorkflow = createWorkflow(
  adminRevokeLicensesWorkflowId,
  (input: AdminRevokeLicensesInput) => {
    const revokeInput = transform({ input }, ({ input }) => ({
      license_ids: [...new Set(input.ids)],
      reason: input.reason,
      actor: adminActor(input.actor_id),
    }))
    const revoked = revokeLicensesStep(revokeInput)
    const events = transform({ revoked, input }, ({ revoked, input }) =>
      revoked.map((l) => ({ id: l.id, order_id: l.order_id, reason: input.reason }))
    )
    emitEventStep({ eventName: LicenseEvents.REVOKED, data: events })
    const result = transform({ revoked, input }, ({ revoked, input }) => {
      const done = new Set(revoked.map((l) => l.id))
      return {
        revoked: [...done],
        skipped: [...new Set(input.ids)].filter((id) => !done.has(id)),
      }
    })
    return new WorkflowResponse<AdminRevokeLicensesResult>(result)
  }
)

export type AdminLicenseStatusInput = AdminStatusInput & { id: string }

export const adminRevokeLicenseWorkflowId = "admin-revoke-license"

/** Revokes one license (permanent); refuses an unknown or already revoked one. */
export const adminRevokeLicenseWorkflow = createWorkflow(
  adminRevokeLicenseWorkflowId,
  (input: AdminLicenseStatusInput & { reason: string }) => {
    const revokeInput = transform({ input }, ({ input }) => ({
      license_ids: [input.id],
      reason: input.reason,
      actor: adminActor(input.actor_id),
    }))
    const revoked = revokeLicensesStep(revokeInput)
    const check = transform({ revoked, input }, ({ revoked, input }) => ({
      id: input.id,
      action: "revoke" as const,
      changed: revoked,
    }))
    requireChangedStep(check)
    const events = transform({ revoked, input }, ({ revoked, input }) =>
      revoked.map((l) => ({ id: l.id, order_id: l.order_id, reason: input.reason }))
    )
    emitEventStep({ eventName: LicenseEvents.REVOKED, data: events })
    return new WorkflowResponse(revoked)
  }
)

export const adminSuspendLicenseWorkflowId = "admin-suspend-license"

/** Suspends one active license until the admin reinstates it. */
export const adminSuspendLicenseWorkflow = createWorkflow(
  adminSuspendLicenseWorkflowId,
  (input: AdminLicenseStatusInput) => {
    const suspendInput = transform({ input }, ({ input }) => ({
      license_ids: [input.id],
      reason: input.reason || "admin",
      actor: adminActor(input.actor_id),
    }))
    const suspended = suspendLicensesStep(suspendInput)
    const check = transform({ suspended, input }, ({ suspended, input }) => ({
      id: input.id,
      action: "suspend" as const,
      changed: suspended,
    }))
    requireChangedStep(check)
    const events = transform({ suspended, suspendInput }, ({ suspended, suspendInput }) =>
      suspended.map((l) => ({ id: l.id, order_id: l.order_id, reason: suspendInput.reason }))
    )
    emitEventStep({ eventName: LicenseEvents.SUSPENDED, data: events }).config({ name: "emit-license-suspended" })
    return new WorkflowResponse(suspended)
  }
)

export const adminReinstateLicenseWorkflowId = "admin-reinstate-license"

/** Reinstates one suspended license, whatever suspended it (the admin decides). */
export const adminReinstateLicenseWorkflow = createWorkflow(
  adminReinstateLicenseWorkflowId,
  (input: AdminLicenseStatusInput) => {
    const reinstateInput = transform({ input }, ({ input }) => ({
      license_ids: [input.id],
      suspended_with: {},
      reason: input.reason || "admin",
      actor: adminActor(input.actor_id),
    }))
    const reinstated = reinstateLicensesStep(reinstateInput)
    const check = transform({ reinstated, input }, ({ reinstated, input }) => ({
      id: input.id,
      action: "reinstate" as const,
      changed: reinstated,
    }))
    requireChangedStep(check)
    const events = transform({ reinstated, reinstateInput }, ({ reinstated, reinstateInput }) =>
      reinstated.map((l) => ({ id: l.id, order_id: l.order_id, reason: reinstateInput.reason }))
    )
    emitEventStep({ eventName: LicenseEvents.REINSTATED, data: events }).config({ name: "emit-license-reinstated" })
    return new WorkflowResponse(reinstated)
  }
)
