import { execFile } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { promisify } from "node:util"
import { Client } from "pg"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import type { AdminLicenseList } from "../../src/admin/lib/types"
import type LicenseModuleService from "../../src/modules/license/service"
import { postgresUrl, withPostgres } from "../helpers/medusa-server"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const ROOT = path.resolve(__dirname, "../..")
const HOST_APP = path.join(ROOT, "integration-tests/fixtures/host-app")

// The host app resolves the plugin by its package name, as a store's would:
// node_modules/medusa-plugin-license-keys -> this repository, whose package.json
// points Medusa at the BUILT output in .medusa/server.
if (!fs.existsSync(path.join(ROOT, ".medusa/server/src/modules/license/index.js"))) {
  throw new Error("The plugin is not built: run `npm run build` (npm test does it before the HTTP suite).")
}
const link = path.join(HOST_APP, "node_modules/medusa-plugin-license-keys")
fs.mkdirSync(path.dirname(link), { recursive: true })
if (!fs.existsSync(link)) {
  fs.symlinkSync(ROOT, link, "dir")
}

/** The tables the BUILT package's migrations create (read from the compiled files, not listed by hand). */
function tablesInBuiltMigrations(): string[] {
  const dir = path.join(ROOT, ".medusa/server/src/modules/license/migrations")
  const names = new Set<string>()
  for (const file of fs.readdirSync(dir).filter((f) => /^Migration\d+\.js$/.test(f))) {
    for (const match of fs.readFileSync(path.join(dir, file), "utf8").matchAll(/create table if not exists \\?"([a-z_]+)\\?"/g)) {
      names.add(match[1])
    }
  }
  return [...names].sort()
}

medusaIntegrationTestRunner({
  cwd: HOST_APP,
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    it("loads the plugin's module from the built package", () => {
      // The module is loaded from the BUILT package (.medusa/server), which TypeScript
      // does not see: it is src/'s LicenseModuleService compiled, so that is its type.
      const licenseModule = getContainer().resolve<LicenseModuleService>("license")
      const modulePath = require.resolve("medusa-plugin-license-keys/.medusa/server/src/modules/license", {
        paths: [HOST_APP],
      })
      expect(modulePath).toContain(path.join(".medusa", "server", "src", "modules", "license"))
      expect(licenseModule.getOptions().keyPrefix).toBe("HOST")
    })

    it("serves the plugin's routes and runs its subscriber: a checkout issues a key", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const auth = await adminHeaders(api, store)
      const { data } = await waitFor<AxiosResponse<AdminLicenseList>>(
        () => api.get(`/admin/licenses?order_id=${order.id}`, auth),
        (res) => res.data.count >= 1
      )
      expect(data.licenses).toHaveLength(1)
      expect(data.licenses[0].key).toMatch(/^HOST-([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]{5}$/)
    })

    it("`npx medusa db:migrate` in the host app creates the plugin's tables in an empty database", async () => {
      // What README tells a store owner to run after installing the package: the
      // host app's own CLI, against a database of its own (not the runner's).
      const database = `host_cli_${crypto.randomBytes(4).toString("hex")}`
      await withPostgres((client) => client.query(`CREATE DATABASE "${database}"`))
      try {
        const expected = tablesInBuiltMigrations()
        expect(expected).toEqual(expect.arrayContaining(["license", "license_activation", "license_webhook_endpoint"]))
        // --no-install: never fetch the unrelated registry package named `medusa`;
        // the host's @medusajs/cli bin is found as in a store's node_modules.
        // It rejects (with its output) on a non-zero exit.
        await promisify(execFile)("npx", ["--no-install", "medusa", "db:migrate"], {
          cwd: HOST_APP,
          env: { ...process.env, DATABASE_URL: postgresUrl(database), NODE_ENV: "development" },
          maxBuffer: 32 * 1024 * 1024,
        })

        const client = new Client({ connectionString: postgresUrl(database) })
        await client.connect()
        const { rows } = await client
          .query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'license%'"
          )
          .finally(() => client.end())
        const tables = rows.map((r) => r.table_name)
        expect(tables).toEqual(expect.arrayContaining(expected))
      } finally {
        await withPostgres((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
      }
    }, 400_000) // a cold CLI boot plus every Medusa migration: about 2 minutes on a busy 2-core machine
  },
})
