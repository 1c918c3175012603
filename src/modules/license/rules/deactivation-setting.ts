import { MedusaError } from "@medusajs/framework/utils"

/** A deactivation budget setting: absent (unchanged), null (follow the default) or a whole number of 0 or more. */
export function checkDeactivationSetting(value: unknown): void {
  if (value === undefined || value === null) {
    return
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 1_000_000) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "deactivations_per_30_days must be null (the default) or a whole number from 0 (unlimited) to 1000000"
    )
  }
}
