import {
  createStep,
  createWorkflow,
  transform,
  type WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"
import type { LicenseStatusChange } from "../modules/license/service"
import { type LicenseActor, LicenseActorType, LicenseEvents } from "../modules/license/types"
import { reinstateLicensesStep } from "./steps/reinstate-licenses"
import { revokeLicensesStep } from "./steps/revoke-licenses"
import { suspendLicensesStep } from "./steps/suspend-licenses"

/**
 * The admin's status changes of chosen licenses: revoke (one or many),
 * suspend and reinstate. The changes themselves are the Revocation steps
 * (one conditional UPDATE each, an event per license actually changed); these
 * workflows name the admin as the actor, emit the bus events, and say why a
 * single license did not change. The three single-license workflows are one
 * definition (adminLicenseStatusWorkflow) with the action's step and event.
 */

type AdminStatusInput = { actor_id: string; reason?: string }

const adminActor = (actorId: string): LicenseActor => ({ type: LicenseActorType.ADMIN, id: actorId })

type Action = "revoke" | "suspend" | "reinstate"

/** What a status step is given: the licenses, why, and who. */
type StatusChange = { license_ids: string[]; reason: string; actor: LicenseActor }

type StatusAction = {
  /** Runs the action's Revocation step; returns the licenses it changed. */
  change: (input: WorkflowData<StatusChange>) => WorkflowData<LicenseStatusChange[]>
  event: string
  /** The emit step's name in the workflow (kept as it always was). */
  emitStepName?: string
  /** The reason recorded when the admin gave none (revoke always has one). */
  defaultReason?: string
  /** Why a single license did not change, from its current status. */
  refusal: (status: string) => string
}

const ACTIONS: Record<Action, StatusAction> = {
  revoke: {
    change: (input) => revokeLicensesStep(input),
    event: LicenseEvents.REVOKED,
    refusal: () => "This license is already revoked.",
  },
  suspend: {
    change: (input) => suspendLicensesStep(input),
    event: LicenseEvents.SUSPENDED,
    emitStepName: "emit-license-suspended",
    defaultReason: "admin",
    refusal: (status) =>
      status === "suspended" ? "This license is already suspended." : "A revoked license cannot be suspended.",
  },
  reinstate: {
    // Whatever suspended it (a dispute, the admin): the admin decides.
    change: (input) => reinstateLicensesStep(transform({ input }, ({ input }) => ({ ...input, suspended_with: {} }))),
    event: LicenseEvents.REINSTATED,
    emitStepName: "emit-license-reinstated",
    defaultReason: "admin",
    refusal: (status) =>
      status === "revoked" ? "A revoked license cannot be reinstated." : "Only a suspended license can be reinstated.",
  },
}

/** The bus events of a status change: one per license changed. */
const statusEvents = (changed: LicenseStatusChange[], reason: string) =>
  changed.map((l) => ({ id: l.id, order_id: l.order_id, reason }))

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
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, ACTIONS[action].refusal(license.status))
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
    const events = transform({ revoked, input }, ({ revoked, input }) => statusEvents(revoked, input.reason))
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

/**
 * One license's status change by the admin: the action's step, a refusal
 * when nothing changed (unknown id, or a status the action does not apply
 * to), then the action's event. Returns the license's change.
 */
function adminLicenseStatusWorkflow<TInput extends AdminLicenseStatusInput>(id: string, action: Action) {
  const { change, event, emitStepName, defaultReason } = ACTIONS[action]
  return createWorkflow(id, (workflowInput: WorkflowData<TInput>) => {
    // TInput only narrows what callers must pass (revoke: a reason); the steps read the common fields.
    const input = workflowInput as unknown as WorkflowData<AdminLicenseStatusInput>
    const statusChange = transform({ input }, ({ input }) => ({
      license_ids: [input.id],
      reason: defaultReason === undefined ? (input.reason as string) : input.reason || defaultReason,
      actor: adminActor(input.actor_id),
    }))
    const changed = change(statusChange)
    requireChangedStep(transform({ changed, input }, ({ changed, input }) => ({ id: input.id, action, changed })))
    const events = transform({ changed, statusChange }, ({ changed, statusChange }) =>
      statusEvents(changed, statusChange.reason)
    )
    if (emitStepName) {
      emitEventStep({ eventName: event, data: events }).config({ name: emitStepName })
    } else {
      emitEventStep({ eventName: event, data: events })
    }
    return new WorkflowResponse(changed)
  })
}

export const adminRevokeLicenseWorkflowId = "admin-revoke-license"

/** Revokes one license (permanent); refuses an unknown or already revoked one. */
export const adminRevokeLicenseWorkflow = adminLicenseStatusWorkflow<AdminLicenseStatusInput & { reason: string }>(
  adminRevokeLicenseWorkflowId,
  "revoke"
)

export const adminSuspendLicenseWorkflowId = "admin-suspend-license"

/** Suspends one active license until the admin reinstates it. */
export const adminSuspendLicenseWorkflow = adminLicenseStatusWorkflow<AdminLicenseStatusInput>(
  adminSuspendLicenseWorkflowId,
  "suspend"
)

export const adminReinstateLicenseWorkflowId = "admin-reinstate-license"

/** Reinstates one suspended license, whatever suspended it (the admin decides). */
export const adminReinstateLicenseWorkflow = adminLicenseStatusWorkflow<AdminLicenseStatusInput>(
  adminReinstateLicenseWorkflowId,
  "reinstate"
)
