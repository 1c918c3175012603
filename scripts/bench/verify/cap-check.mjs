// The cap under concurrency, checked on every bench side after its measured runs: a set of licenses the
// scenarios never touch, each with 3 free slots, gets 10 concurrent new-domain verifies per license.
// Exactly 3 per license must be taken, the rest refused with max_activations_exceeded.
import { post } from "./measure.mjs"

const PER_LICENSE = 10
const CONCURRENCY = 50

export async function checkCap(side, licenses) {
  const requests = licenses.flatMap((license) =>
    Array.from({ length: PER_LICENSE }, (_, i) => ({ license_key: license.key, domain: `cap-${i}.${license.id.replace(/_/g, "-")}.example` }))
  )
  const codes = {}
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const { data } = await post(`${side.url}/licenses/verify`, requests[next++])
        codes[data.code] = (codes[data.code] ?? 0) + 1
      }
    })
  )
  const ids = licenses.map((l) => l.id)
  const { rows } = await side.db.query(
    `SELECT l.id, l.max_activations, l.activations_used,
            (SELECT count(*)::int FROM license_activation a WHERE a.license_id = l.id AND a.released_at IS NULL) AS live
       FROM license l WHERE l.id = ANY($1)`,
    [ids]
  )
  const free = licenses.length * 3
  const taken = rows.reduce((sum, r) => sum + r.live - 2, 0)
  const consistent = rows.every((r) => r.live === r.activations_used && r.live === r.max_activations)
  const exact = consistent && taken === free && codes.valid === free && codes.max_activations_exceeded === requests.length - free
  return { requests: requests.length, free, taken, codes, exact }
}
