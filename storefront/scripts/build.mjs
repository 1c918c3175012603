// `npm run build:storefront`: type-checks the package, builds the components
// as an ES module library with its stylesheet and type declarations, and the
// demo as static files. Everything goes to storefront/.build.
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { build } from "vite"
import { BUILD_DIR, CACHE_DIR, demoConfig, publishableKey, REPO_ROOT, STOREFRONT_DIR } from "./vite-config.mjs"

const tsc = path.join(REPO_ROOT, "node_modules", ".bin", "tsc")
const runTsc = (project) => {
  const result = spawnSync(tsc, ["-p", path.join(STOREFRONT_DIR, project)], { stdio: "inherit" })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

fs.rmSync(BUILD_DIR, { recursive: true, force: true })
runTsc("tsconfig.json")
runTsc("tsconfig.build.json")

await build({
  configFile: false,
  root: STOREFRONT_DIR,
  cacheDir: CACHE_DIR,
  logLevel: "warn",
  esbuild: { jsx: "automatic" },
  build: {
    outDir: path.join(BUILD_DIR, "lib"),
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: path.join(STOREFRONT_DIR, "src", "index.ts"), formats: ["es"], fileName: () => "index.js" },
    rollupOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@medusajs\/js-sdk/],
    },
  },
})
// The stylesheet ships as is: one small file a store imports or copies.
fs.copyFileSync(path.join(STOREFRONT_DIR, "src", "licenses.css"), path.join(BUILD_DIR, "lib", "licenses.css"))

await build(demoConfig({ medusaUrl: "http://localhost:9000", publishableKey: publishableKey(), port: 8000 }))
console.log(`Storefront built into ${path.relative(REPO_ROOT, BUILD_DIR)}/ (lib, types, demo).`)
