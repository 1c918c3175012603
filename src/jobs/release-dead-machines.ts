import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"

/**
 * Frees the seats of machines that stopped sending heartbeats (docs/verify-api.md
 * "Heartbeats and floating seats"): on keys whose policy sets a heartbeat
 * interval, a machine not seen for 2 x interval + 60 s loses its seat
 * (released_by heartbeat, license.deactivated), so a floating license of N
 * seats serves any number of machines, N at a time. Every minute.
 */
export default async function releaseDeadMachinesJob(container: MedusaContainer, at?: unknown) {
  // Medusa's job loader calls a job as handler(container, context): only a Date
  // (tests) sets the clock, anything else means now.
  const now = at instanceof Date ? at : new Date()
  const licenses: LicenseModuleService = container.resolve(LICENSE_MODULE)
  const result = await licenses.releaseDeadMachines({ now })
  if (result.released) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(
        `License keys: freed ${result.released} machine seats without heartbeat on ${result.licenses} licenses` +
          (result.complete ? "" : " (more next run)")
      )
  }
  return result
}

export const config = {
  name: "license-keys-release-dead-machines",
  schedule: "* * * * *",
}
