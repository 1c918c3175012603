import type { LoaderOptions } from "@medusajs/framework/types"
import { type LicenseModuleOptions, resolveLicenseOptions } from "../options"

/** Fails the boot, with a message that says what to set, when options are unusable. */
export default async function validateOptions({ options }: LoaderOptions<LicenseModuleOptions>) {
  resolveLicenseOptions(options)
}
