// Installs the storefront's own dependencies (storefront/package-lock.json):
// the root's `npm install` / `npm ci` runs this as its `prepare` script, so one
// command sets up the plugin and the storefront.
//
// Why a second tree and not an npm workspace: the root keeps React 18 for the
// Medusa admin, the storefront needs React 19, and npm hoists `next` (whose peer
// range accepts both) to the root, where it finds React 18 and fails to render
// its built-in pages. A tree of its own gives Next.js exactly the React it is
// built with, as in a store's own starter.
//
// Skipped when the installed tree already matches the lockfile. `npm ci` first;
// the registry these machines reach lacks some other-platform optional binaries,
// which can make `npm ci` refuse a lockfile, so `npm install` is the fallback
// (it installs the locked versions, as .ci/run does for the root).
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const LOCK = path.join(DIR, "package-lock.json")
const INSTALLED = path.join(DIR, "node_modules", ".package-lock.json")

if (process.env.STOREFRONT_SKIP_INSTALL === "true" || !fs.existsSync(LOCK)) process.exit(0)

function upToDate() {
  try {
    const want = JSON.parse(fs.readFileSync(LOCK, "utf8")).packages
    const have = JSON.parse(fs.readFileSync(INSTALLED, "utf8")).packages
    return Object.entries(want).every(([name, entry]) => !name || entry.optional || have[name]?.version === entry.version)
  } catch {
    return false
  }
}

if (upToDate()) {
  console.log("storefront: dependencies up to date")
  process.exit(0)
}

// The root's npm passes its own settings down as npm_config_*; the storefront's install is its own.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_config_")))
const npm = (args) => spawnSync("npm", args, { cwd: DIR, env, stdio: "inherit" }).status === 0

console.log("storefront: installing its dependencies (storefront/package-lock.json)...")
if (!npm(["ci", "--no-audit", "--no-fund"])) {
  console.log("storefront: npm ci refused the lockfile; installing the locked versions with npm install")
  if (!npm(["install", "--no-audit", "--no-fund"])) process.exit(1)
}
