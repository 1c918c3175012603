// 1. cap across instances: 200 concurrent verifies from 200 new domains over
// both servers against caps 1, 5 and 50.
import { createLicenses, expect, figures, heldRows, servers, tally, used, verify } from "../setup.mjs"

export async function checkCap() {
  const caps = [1, 5, 50]
  const licenses = await createLicenses(caps)
  const rows = []
  for (const license of licenses) {
    const [a, b] = servers()
    const started = Date.now()
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => verify(i % 2 ? b : a, { license_key: license.key, domain: `cap${license.cap}-${i}.cluster.example` }))
    )
    const codes = tally(results.map((r) => (r.status === 200 ? r.json?.code : `HTTP ${r.status}`)))
    const held = await heldRows(license.id)
    const count = await used(license.id)
    const fiveXx = results.filter((r) => r.status >= 500 || r.status === 0).length
    rows.push({ cap: license.cap, valid: codes.valid ?? 0, refused: codes.max_activations_exceeded ?? 0, held, activations_used: count, fiveXx, ms: Date.now() - started, codes })
    console.log(`  cap ${license.cap}: ${JSON.stringify(codes)}, activation rows ${held}, activations_used ${count}, 5xx/errors ${fiveXx}, ${Date.now() - started} ms`)
  }
  figures.cap = rows
  for (const r of rows) {
    expect(r.fiveXx === 0, `cap ${r.cap}: ${r.fiveXx} 5xx/connection errors`)
    expect(r.valid === r.cap, `cap ${r.cap}: ${r.valid} valid answers`)
    expect(r.refused === 200 - r.cap, `cap ${r.cap}: ${r.refused} refusals, expected ${200 - r.cap}`)
    expect(r.held === r.cap && r.activations_used === r.cap, `cap ${r.cap}: ${r.held} rows, activations_used ${r.activations_used}`)
  }
}
