// The Verify bench's data: issued licenses with one known domain and one known machine each.
import { createRequire } from "node:module"

/**
 * `count` licenses (cap 5, two slots held: a known domain and a known machine, last seen a day ago) and a few
 * published releases, inserted in multi-row batches with the built app's own key vault (`serverDir`), so the
 * server finds the keys by hash exactly as it finds issued ones.
 */
export async function seedLicenses(client, serverDir, secret, count) {
  const require = createRequire(`${serverDir}/package.json`)
  const { LicenseKeyVault } = require("./src/modules/license/rules/key-vault.js")
  const { formatLicenseKey, generateKeyBody, keyHint } = require("./src/modules/license/rules/license-key.js")
  const vault = new LicenseKeyVault(secret)
  const known = []
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString()
  const BATCH = 1000
  for (let start = 0; start < count; start += BATCH) {
    const licenseRows = []
    const activationRows = []
    const machineRows = []
    for (let i = start; i < Math.min(start + BATCH, count); i++) {
      const body = generateKeyBody()
      const n = String(i).padStart(7, "0")
      const id = `lic_bench${n}`
      const domain = `site-${i}.bench.example`
      // Each key holds two slots: its known domain and its known machine (docs/verify-api.md "Who the caller is").
      const fingerprint = `bench-machine-${n}-5f0c2a9e7d41b3c8`
      licenseRows.push([id, vault.hash(body), vault.encrypt(body), keyHint(body), "bench@example.com", "prod_bench", "variant_bench", "Bench Plugin", "5 sites", 5, 2])
      activationRows.push([`lact_bench${n}`, id, "domain", domain, dayAgo, dayAgo, "127.0.0.1"])
      machineRows.push([`lact_benchm${n}`, id, "machine", fingerprint, `Bench machine ${i}`, dayAgo, dayAgo, "127.0.0.1"])
      known.push({ id, key: formatLicenseKey(body, "CP"), domain, fingerprint })
    }
    await insertRows(client, "license", ["id", "key_hash", "key_encrypted", "key_hint", "customer_email", "product_id", "variant_id", "product_title", "variant_title", "max_activations", "activations_used"], licenseRows)
    await insertRows(client, "license_activation", ["id", "license_id", "kind", "identifier", "first_seen_at", "last_seen_at", "last_ip"], activationRows)
    await insertRows(client, "license_activation", ["id", "license_id", "kind", "identifier", "name", "first_seen_at", "last_seen_at", "last_ip"], machineRows)
  }
  await client.query("ANALYZE license; ANALYZE license_activation")
  // The "updates" scenario (docs/software-delivery.md): a few published releases of the bench product.
  await insertRows(client, "license_release", ["id", "product_id", "version", "channel", "status", "published_at", "artifact_file_id", "artifact_name", "artifact_size", "artifact_sha256"],
    ["1.0.0", "1.1.0", "1.2.0", "2.0.0-beta.1"].map((version, i) => [`lrel_bench${i}`, "prod_bench", version, version.includes("beta") ? "beta" : "stable", "published", dayAgo, `private-bench-${i}.zip`, `bench-${version}.zip`, 1000, "0".repeat(64)]))
  return { known, formatLicenseKey, generateKeyBody }
}

export async function insertRows(client, table, columns, rows) {
  const params = []
  const tuples = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(", ")})`)
  await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, params)
}
