import type { LoaderOptions } from "@medusajs/framework/types"
import { type LicenseModuleOptions, resolveLicenseOptions } from "../options"

/** Fails the boot, with a message that says what to set, when options are unusable. */
export default async function validateOptions({ options, logger }: LoaderOptions<LicenseModuleOptions>) {
  const resolved = resolveLicenseOptions(options)
  if (resolved.verify.signingKeyEphemeral) {
    logger?.warn(
      "License keys: no LICENSE_SIGNING_PRIVATE_KEY configured; Verify API answers are signed with a throw-away key " +
        "that changes on every restart. Production refuses to start without one."
    )
  }
  if (resolved.keyportCompatibleApi) {
    logger?.info("License keys: the KeyPort-compatible API is on (GET /api/v1/license/:key, POST /api/v1/validate)")
  }
}
