// The storefront's Next.js configuration. Type errors are caught by `npm run
// typecheck` (storefront/tsconfig.json), so `next build` skips its own pass.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: true },
  eslint: { ignoreDuringBuilds: true },
  // Out of the way of `medusa develop`'s watcher (it ignores dot-folders), and
  // one folder per build so a test's `next build` never clobbers a running dev server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The storefront is its own npm project inside the plugin repository.
  outputFileTracingRoot: __dirname,
}

module.exports = nextConfig
