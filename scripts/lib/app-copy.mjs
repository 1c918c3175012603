import fs from "node:fs"
import path from "node:path"
import { ROOT } from "./processes.mjs"

/**
 * A copy of the plugin as a Medusa app in `workDir/<name>`, which builds into its
 * own .medusa/server (benchmarks and the cluster run production builds without
 * touching the checkout's). The admin is left out; `extra` paths are copied too.
 * `from` is the source tree (this checkout, or a git ref's files for `npm run bench
 * -- --against <ref>`); node_modules is always this checkout's.
 */
export function prepareAppCopy(workDir, extra = [], { from = ROOT, name = "app" } = {}) {
  const app = path.join(workDir, name)
  fs.mkdirSync(app)
  for (const entry of ["src", "medusa-config.ts", "package.json", "tsconfig.json", ...extra]) {
    fs.cpSync(path.join(from, entry), path.join(app, entry), { recursive: true })
  }
  fs.rmSync(path.join(app, "src", "admin"), { recursive: true, force: true })
  // The plugin's tsconfig leaves medusa-config.ts out of `medusa plugin:build`;
  // an app build needs it compiled.
  const tsconfigPath = path.join(app, "tsconfig.json")
  const tsconfig = JSON.parse(fs.readFileSync(tsconfigPath, "utf8"))
  tsconfig.exclude = (tsconfig.exclude ?? []).filter((entry) => entry !== "medusa-config.ts")
  tsconfig.include = [...(tsconfig.include ?? []), "./medusa-config.ts"]
  fs.writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2))
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(app, "node_modules"), "dir")
  return app
}
