// `npm run typecheck`: the storefront's release type (copy-in types.ts) against the server's
// offered-release shape (src/modules/release/rules/update-answer.ts), both ways.
import type { OfferedRelease } from "../../src/modules/release/rules/update-answer"
import type { StoreLicenseRelease } from "../src/modules/licenses/types"

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

export const releaseChecks: { release: Same<StoreLicenseRelease, OfferedRelease> } = { release: true }
