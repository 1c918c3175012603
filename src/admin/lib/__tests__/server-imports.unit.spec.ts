import fs from "node:fs"
import path from "node:path"

/**
 * The admin's bundle runs server files that it imports for their zod validators (lib/forms.ts). Whatever those
 * files import at run time is bundled for the browser too, so they may import other plain files and zod only:
 * @medusajs/framework/utils and the like do not load in a browser (the dashboard then never renders; only the
 * browser specs, minutes later, would say so).
 */
const SRC = path.resolve(__dirname, "../../..")
const ALLOWED_PACKAGES = new Set(["@medusajs/framework/zod"])

/** Module specifiers a file imports or re-exports at run time (`import type` / `export type` are erased). */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8")
  const found: string[] = []
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+"([^"]+)"/gms)) {
    found.push(match[1])
  }
  for (const match of text.matchAll(/^\s*import\s+"([^"]+)"/gm)) {
    found.push(match[1])
  }
  return found
}

function resolveFile(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier)
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate)) {
      return candidate
    }
  }
  throw new Error(`${path.relative(SRC, from)} imports ${specifier}, which does not resolve`)
}

/** The packages reached from `entry` through server files (files outside src/admin), with the file that imports each. */
function packagesFromServerFiles(entry: string): Map<string, string> {
  const packages = new Map<string, string>()
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) {
      return
    }
    seen.add(file)
    const server = !file.startsWith(path.join(SRC, "admin") + path.sep)
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith(".")) {
        visit(resolveFile(file, specifier))
      } else if (server) {
        packages.set(specifier, path.relative(SRC, file))
      }
    }
  }
  visit(entry)
  return packages
}

describe("server files in the admin's bundle", () => {
  it("import nothing but plain files and zod at run time", () => {
    const packages = packagesFromServerFiles(path.join(SRC, "admin/lib/forms.ts"))
    const offending = [...packages].filter(([name]) => !ALLOWED_PACKAGES.has(name)).map(([name, file]) => `${file} imports ${name}`)
    expect(offending).toEqual([])
    // The walk did reach the validators (so an empty list above means something).
    expect(packages.has("@medusajs/framework/zod")).toBe(true)
  })
})
