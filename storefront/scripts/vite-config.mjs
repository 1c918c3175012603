// The demo's Vite configuration, inline (configFile: false): Vite never bundles
// a config file next to the sources, and every cache or output goes to
// node_modules or a dot-folder, so a running `medusa develop` (which restarts
// on writes anywhere else in the project) is left alone.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

export const STOREFRONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
export const REPO_ROOT = path.resolve(STOREFRONT_DIR, "..")
export const DEMO_DIR = path.join(STOREFRONT_DIR, "demo")
export const BUILD_DIR = path.join(STOREFRONT_DIR, ".build")
export const CACHE_DIR = path.join(REPO_ROOT, "node_modules", ".vite-storefront")

/** The publishable key: MEDUSA_PUBLISHABLE_KEY, else the one `npm run dev` seeded (.data/seed.json). */
export function publishableKey(env = process.env) {
  if (env.MEDUSA_PUBLISHABLE_KEY) return env.MEDUSA_PUBLISHABLE_KEY
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ".data", "seed.json"), "utf8")).publishable_key ?? ""
  } catch {
    return ""
  }
}

/** Vite config for the demo storefront, proxying /store and /auth to Medusa at `medusaUrl`. */
export function demoConfig({ medusaUrl, publishableKey: pk, port, host = "localhost" }) {
  const proxy = { target: medusaUrl, changeOrigin: true, xfwd: true }
  return {
    configFile: false,
    root: DEMO_DIR,
    cacheDir: CACHE_DIR,
    logLevel: "warn",
    clearScreen: false,
    appType: "spa",
    esbuild: { jsx: "automatic" },
    define: { __MEDUSA_PUBLISHABLE_KEY__: JSON.stringify(pk ?? "") },
    optimizeDeps: {
      // Pre-bundled at start, so the first page load never triggers a reload.
      include: ["react", "react-dom", "react-dom/client", "react/jsx-runtime", "react/jsx-dev-runtime", "@medusajs/js-sdk"],
    },
    server: {
      host,
      port,
      strictPort: true,
      proxy: { "/store/": proxy, "/auth/": proxy },
      fs: { allow: [STOREFRONT_DIR, path.join(REPO_ROOT, "node_modules")] },
      watch: { ignored: ["**/.build/**", "**/node_modules/**"] },
    },
    preview: { host, port, strictPort: true, proxy: { "/store/": proxy, "/auth/": proxy } },
    build: { outDir: path.join(BUILD_DIR, "demo"), emptyOutDir: true },
  }
}
