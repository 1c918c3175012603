// The Verify bench's scenarios for one side (its own seeded keys), and the sanity check that each answers what it
// claims to measure.
import { post } from "./measure.mjs"

/** Licenses set apart for the cap check (verify/cap-check.mjs); the scenarios never pick them. */
export const CAP_LICENSES = 200

export function scenariosFor(side) {
  const pool = side.known.slice(0, side.known.length - CAP_LICENSES)
  const pick = () => pool[Math.floor(Math.random() * pool.length)]
  const bodies = (shape) => () => Array.from({ length: 5000 }, () => shape(pick()))
  const unknownKeys = Array.from({ length: 5000 }, () => side.formatLicenseKey(side.generateKeyBody(), "CP"))
  side.newDomains = 0
  side.runId = Date.now().toString(36)
  return [
    { name: "health", label: "GET /health (baseline)", method: "GET", path: "/health" },
    { name: "pipeline", label: "GET /licenses/public-key (no DB)", method: "GET", path: "/licenses/public-key", optional: true },
    // A route that does nothing, registered like the Verify API's (verify/side.mjs): Medusa's per-route cost.
    { name: "noop", label: "POST /licenses/bench-noop (no work)", method: "POST", path: "/licenses/bench-noop", bodies: bodies((k) => ({ license_key: k.key, domain: k.domain })) },
    { name: "known", label: "verify, known key + known domain", method: "POST", path: "/licenses/verify", bodies: bodies((k) => ({ license_key: k.key, domain: k.domain })) },
    { name: "machine", label: "verify, known key + known machine", method: "POST", path: "/licenses/verify", bodies: bodies((k) => ({ license_key: k.key, fingerprint: k.fingerprint })) },
    { name: "new", label: "verify, known key + new domain", method: "POST", path: "/licenses/verify", body: () => ({ license_key: pick().key, domain: `n${side.newDomains++}-${side.runId}.new.example` }) },
    { name: "updates", label: "update check, known key + domain", method: "POST", path: "/licenses/updates", bodies: bodies((k) => ({ license_key: k.key, domain: k.domain, version: "1.1.0" })) },
    { name: "unknown", label: "verify, well-formed unknown key", method: "POST", path: "/licenses/verify", bodies: () => unknownKeys.map((key) => ({ license_key: key, domain: "x.example" })) },
    // The hot path of a product with a daily verify quota (docs/product-controls.md): the same verifies, each also
    // counted by the quota's one UPSERT; every call of the run lands on the product's one counter row (the worst case).
    {
      name: "quota", label: "verify, known key, quota product", method: "POST", path: "/licenses/verify", optional: true,
      bodies: bodies((k) => ({ license_key: k.key, domain: k.domain })),
      before: () => side.db.query(
        `INSERT INTO license_product_setting (id, product_id, blocked_domains, blocked_ips, daily_verify_quota) VALUES ('lpset_bench', 'prod_bench', '{}', '{}', 1000000000)`
      ),
      after: () => side.db.query(`DELETE FROM license_product_setting WHERE id = 'lpset_bench'`),
    },
  ]
}

/** Throws unless each scenario answers what it measures on this side. */
export async function checkScenarios(side) {
  const [sample, other] = side.known
  const verify = (body) => post(`${side.url}/licenses/verify`, body).then((r) => r.data)
  const known = await verify({ license_key: sample.key, domain: sample.domain })
  const machine = await verify({ license_key: sample.key, fingerprint: sample.fingerprint })
  const fresh = await verify({ license_key: other.key, domain: `check-${side.runId}.sanity.example` })
  const unknown = await verify({ license_key: side.formatLicenseKey(side.generateKeyBody(), "CP") })
  const update = (await post(`${side.url}/licenses/updates`, { license_key: sample.key, domain: sample.domain, version: "1.1.0" })).data
  const machineHeld = machine.code === "valid" && machine.identity?.kind === "machine" && machine.license?.activations_used === 2
  console.log(`  ${side.name} sanity: known -> ${known.code}, machine -> ${machine.code} (${machineHeld ? "held" : "not the held machine"}), new -> ${fresh.code}, unknown -> ${unknown.code}, update -> ${update.code}, ${update.update} ${update.release?.version ?? ""}`)
  if (known.code !== "valid" || !machineHeld || fresh.code !== "valid" || unknown.code !== "not_found" || update.update !== "update_available") {
    throw new Error(`${side.name}: the scenarios do not answer as expected; not measuring.`)
  }
}
