import type { UpdateCheckResult } from "../update-check"

type Answered = Extract<UpdateCheckResult, { type: "answer" }>

/**
 * EDD Software Licensing's `get_version` fields (what EDD_SL_Plugin_Updater and similar
 * WordPress updater libraries read), from an update check. A key that is not valid gets its
 * verify code and message (`msg`) and no `new_version`, so WordPress offers no update; a valid
 * one gets the newest release it may install, `package` / `download_link` being the signed
 * ten-minute link. `license_check` carries the verify code, `signature` the signed update answer.
 */
export function wordPressAnswer(result: Answered, slug: string | null) {
  const { answer, release } = result
  const offered = answer.release
  // `locked`: a newer release that needs an entitlement the key lacks (never a package link).
  const common = { code: answer.code, msg: answer.message, license_check: answer.code, signature: answer.signature, locked: answer.locked }
  if (!answer.valid || !offered || !release) {
    return { ...common, new_version: null, package: "", download_link: "" }
  }
  const name = answer.license?.product_title ?? release.product_id
  const homepage = new URL(offered.download_url).origin
  return {
    ...common,
    new_version: offered.version,
    stable_version: offered.version,
    name,
    slug: slug ?? release.product_id,
    url: homepage,
    homepage,
    package: offered.download_url,
    download_link: offered.download_url,
    sections: { changelog: offered.changelog ?? "", description: "" },
    requires: offered.requires ?? "",
    tested: offered.tested ?? "",
    requires_php: offered.requires_php ?? "",
    last_updated: offered.published_at,
    file_name: offered.file_name,
    sha256: offered.sha256,
    update: answer.update,
  }
}
