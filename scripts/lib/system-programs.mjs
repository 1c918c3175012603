// Programs some test files need from the machine (not from npm), and how
// scripts/test.mjs gets them. Which files need which program is read from the
// spec files jest would run: a spec needs a program when its own source calls
// it (the `usedBy` pattern). One table, here; nothing else lists them.
import { execFile, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { promisify } from "node:util"
import { BIN, ROOT } from "./processes.mjs"

export const SYSTEM_PROGRAMS = [
  {
    // integration-tests/helpers/browser.ts: Debian's Chromium driven by playwright-core.
    program: "chromium",
    command: () => process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    debianPackage: "chromium",
    usedBy: /\blaunchChromium\(\s*["'`]|\bchromium\.launch\(/,
  },
  {
    // src/modules/license/verify/__tests__/redis-rate-limiter.unit.spec.ts: the shared rate limiter on a real Redis.
    program: "redis-server",
    command: () => "redis-server",
    debianPackage: "redis-server",
    usedBy: /\b(?:spawn|spawnSync|execFile|execFileSync)\(\s*["'`]redis-server["'`]/,
  },
  {
    // PHP clients: integration-tests/http/releases-php.spec.ts runs the WordPress update snippet of docs/software-delivery.md,
    // src/modules/license/verify/__tests__/signer-php.unit.spec.ts the signature check of docs/verify-api.md.
    program: "php",
    command: () => "php",
    debianPackage: "php-cli",
    usedBy: /\b(?:spawn|spawnSync|execFile|execFileSync)\(\s*["'`]php["'`]/,
  },
  {
    // Go clients: integration-tests/http/license-files-go.spec.ts builds the Go license-file reader of
    // docs/entitlements-and-license-files.md (standard library, Go 1.19+: Debian's golang-go).
    program: "go",
    command: () => "go",
    debianPackage: "golang-go",
    usedBy: /\b(?:spawn|spawnSync|execFile|execFileSync)\(\s*["'`]go["'`]/,
  },
]

/** Is `command` (a path, or a name looked up on PATH) an executable file here? */
export function isInstalled(command) {
  const candidates = command.includes("/")
    ? [command]
    : (process.env.PATH || "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command))
  return candidates.some((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return fs.statSync(file).isFile()
    } catch {
      return false
    }
  })
}

/** The spec files jest would run for one suite with these arguments (jest's own answer). */
async function specFiles(testType, jestArgs, env) {
  const { stdout } = await promisify(execFile)(path.join(BIN, "jest"), ["--listTests", "--json", ...jestArgs], {
    cwd: ROOT,
    env: { ...env, TEST_TYPE: testType },
    maxBuffer: 16 * 1024 * 1024,
  })
  return JSON.parse(stdout.slice(stdout.indexOf("[")))
}

/**
 * The programs the selected specs need and this machine lacks:
 * [{ program, debianPackage, command, specs: [relative paths] }].
 */
export async function missingPrograms(testTypes, jestArgs, env) {
  const files = (await Promise.all(testTypes.map((type) => specFiles(type, jestArgs, env)))).flat()
  const sources = files.map((file) => ({ file: path.relative(ROOT, file), source: fs.readFileSync(file, "utf8") }))
  const missing = []
  for (const entry of SYSTEM_PROGRAMS) {
    const specs = sources.filter(({ source }) => entry.usedBy.test(source)).map(({ file }) => file)
    if (specs.length && !isInstalled(entry.command())) {
      missing.push({ program: entry.program, debianPackage: entry.debianPackage, command: entry.command(), specs })
    }
  }
  return missing
}

/** Runs a command with its output in `log` (shown only when it fails). */
function quietly(command, args, log) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, "a")
    const child = spawn(command, args, {
      stdio: ["ignore", out, out],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    })
    child.on("error", reject)
    child.on("exit", (code) => {
      fs.closeSync(out)
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))
    })
  })
}

const canApt = () => process.getuid?.() === 0 && isInstalled("apt-get")

/**
 * Installs what is missing with apt-get when this process is root on a Debian
 * machine (one line says so), otherwise throws with the exact command to run.
 * Called before PostgreSQL starts or anything builds, so it stops at once.
 */
export async function ensurePrograms(missing) {
  if (!missing.length) {
    return
  }
  const packages = [...new Set(missing.map((m) => m.debianPackage))]
  const why = missing
    .map((m) => `${m.program} (${m.specs.length === 1 ? m.specs[0] : `${m.specs.length} spec files, e.g. ${m.specs[0]}`})`)
    .join("; ")
  if (!canApt()) {
    throw new Error(
      `These tests need programs this machine lacks: ${why}.\n` +
        `Install them, then run the tests again:\n\n  sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}\n`
    )
  }
  const log = path.join(os.tmpdir(), `license-keys-apt-${process.pid}.log`)
  console.log(`Installing ${packages.join(" ")} with apt-get (running as root) for the specs that call ${why}; apt's output: ${log}`)
  try {
    await quietly("apt-get", ["update"], log)
    await quietly("apt-get", ["install", "-y", ...packages], log)
  } catch (error) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").slice(-20).join("\n") : ""
    throw new Error(`${error.message}\n${tail}\nInstall them by hand: apt-get update && apt-get install -y ${packages.join(" ")}`)
  }
  const still = missing.filter((m) => !isInstalled(m.command))
  if (still.length) {
    throw new Error(`apt-get installed ${packages.join(" ")} but ${still.map((m) => m.command).join(", ")} is still missing (see ${log})`)
  }
  fs.rmSync(log, { force: true })
}
