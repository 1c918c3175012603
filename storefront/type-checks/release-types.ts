// `npm run typecheck`: the storefront's release type (copy-in types.ts) against the server's
// offered-release and locked-release shapes (src/modules/release/rules/update-answer.ts), both ways.
import type { LockedRelease, OfferedRelease } from "../../src/modules/release/rules/update-answer"
import type { StoreLicenseRelease, StoreLockedRelease } from "../src/modules/licenses/types"

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

export const releaseChecks: { release: Same<StoreLicenseRelease, OfferedRelease>; locked: Same<StoreLockedRelease, LockedRelease> } = {
  release: true,
  locked: true,
}
