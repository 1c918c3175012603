/** The typed codes of the release API's refusals (docs/software-delivery.md). */
export const ReleaseErrorCode = {
  /** The product already has this version on this channel (drafts and yanked releases included). */
  VERSION_EXISTS: "release_version_exists",
  /** The version is not semver (`1.2.3`, `v1.2`, `2.0.0-beta.1`). */
  INVALID_VERSION: "release_invalid_version",
  /** The channel is not stable, beta or alpha. */
  INVALID_CHANNEL: "release_invalid_channel",
  /** No artifact file in the upload. */
  ARTIFACT_MISSING: "release_artifact_missing",
  /** The artifact is larger than the option releaseMaxArtifactBytes. */
  ARTIFACT_TOO_LARGE: "release_artifact_too_large",
  /** The multipart body could not be read (cut short, too many parts). A body that is not multipart is 400 invalid_request. */
  UPLOAD_INVALID: "release_upload_invalid",
  /** No release with that id on that product. */
  NOT_FOUND: "release_not_found",
  /** The status change is not allowed from the release's status (publish a draft only, yank a published one). */
  INVALID_TRANSITION: "release_invalid_transition",
  /** Version or channel changed on a release that is no longer a draft. */
  NOT_A_DRAFT: "release_not_a_draft",
  /** required_entitlement is not an entitlement code (the license module's shape, rules/entitlements.ts). */
  INVALID_ENTITLEMENT: "invalid_entitlement",
} as const
export type ReleaseErrorCode = (typeof ReleaseErrorCode)[keyof typeof ReleaseErrorCode]

/** The typed codes of a refused download (GET /licenses/downloads/:token). */
export const DownloadErrorCode = {
  /** The token is not one this server signed (or was altered). */
  TOKEN_INVALID: "download_token_invalid",
  /** The token's ten minutes are over: ask the update check for a new one. */
  TOKEN_EXPIRED: "download_token_expired",
  /** The release was yanked (or deleted) after the token was made. */
  RELEASE_UNAVAILABLE: "release_unavailable",
  /** The license is no longer active (revoked, suspended, expired). */
  LICENSE_INACTIVE: "license_inactive",
  /** The release requires an entitlement the license does not hold now (checked when the file is served). */
  ENTITLEMENT_REQUIRED: "release_entitlement_required",
  /** The Range header asks for bytes the file does not have. */
  RANGE_NOT_SATISFIABLE: "range_not_satisfiable",
} as const
export type DownloadErrorCode = (typeof DownloadErrorCode)[keyof typeof DownloadErrorCode]
