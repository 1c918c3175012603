import { MedusaError } from "@medusajs/framework/utils"

/**
 * Options of the release module (docs/software-delivery.md). In a store that installs the
 * plugin, the plugin's options reach this module too, so `secret` is the plugin's key secret.
 */
export type ReleaseModuleOptions = {
  /** The plugin's license key secret (default LICENSE_KEY_SECRET): the download secret is derived from it unless set. */
  secret?: string
  /** Secret of the download tokens' HMAC. Default: LICENSE_DOWNLOAD_TOKEN_SECRET, else derived from `secret`. */
  downloadTokenSecret?: string
  /** How long a download link stays valid, in seconds (60..3600). Default 600. */
  downloadTokenTtlSeconds?: number | string
  /** Largest artifact an admin may upload, in bytes (1 KiB .. 2 GiB - 1). Default 512 MiB. */
  releaseMaxArtifactBytes?: number | string
  /** Absolute URL the download links start with (e.g. https://shop.example.com). Default: LICENSE_PUBLIC_URL, else the request's own host. */
  publicUrl?: string
}

export type ResolvedReleaseOptions = {
  downloadTokenSecret: string | undefined
  licenseKeySecret: string
  downloadTokenTtlSeconds: number
  maxArtifactBytes: number
  publicUrl: string | null
}

const MAX_INTEGER_COLUMN = 2 ** 31 - 1

function integer(name: string, value: number | string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === "") {
    return fallback
  }
  const parsed = typeof value === "number" ? value : Number(value)
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `Releases: option ${name} must be a whole number from ${min} to ${max}`)
  }
  return parsed
}

export function resolveReleaseOptions(options: ReleaseModuleOptions = {}): ResolvedReleaseOptions {
  const licenseKeySecret = options.secret || process.env.LICENSE_KEY_SECRET || ""
  const downloadTokenSecret = options.downloadTokenSecret || process.env.LICENSE_DOWNLOAD_TOKEN_SECRET || undefined
  if (!downloadTokenSecret && licenseKeySecret.length < 32) {
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      "Releases: no download secret. Set LICENSE_KEY_SECRET (the plugin option `secret`) or LICENSE_DOWNLOAD_TOKEN_SECRET."
    )
  }
  const publicUrl = options.publicUrl || process.env.LICENSE_PUBLIC_URL || null
  return {
    downloadTokenSecret,
    licenseKeySecret,
    downloadTokenTtlSeconds: integer("downloadTokenTtlSeconds", options.downloadTokenTtlSeconds, 600, 60, 3600),
    maxArtifactBytes: integer("releaseMaxArtifactBytes", options.releaseMaxArtifactBytes, 512 * 1024 * 1024, 1024, MAX_INTEGER_COLUMN),
    publicUrl: publicUrl ? publicUrl.replace(/\/+$/, "") : null,
  }
}
