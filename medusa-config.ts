import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"
import path from "node:path"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The host app that `npm run dev` and the integration tests run. A store that
// installs the built plugin lists it under `plugins` instead (see README).
const redisUrl = process.env.REDIS_URL

const redisModules = redisUrl
  ? [
      { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      {
        key: Modules.WORKFLOW_ENGINE,
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { url: redisUrl } },
      },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
      { key: Modules.CACHE, resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
    // Where the dashboard sends its API calls when it is served apart from the
    // backend (docs/admin.md "Dashboard on another origin"); unset = its own origin.
    backendUrl: process.env.MEDUSA_BACKEND_URL || undefined,
  },
  modules: [
    {
      resolve: "./src/modules/license",
      options: {
        keyPrefix: process.env.LICENSE_KEY_PREFIX || "CP",
        secret: process.env.LICENSE_KEY_SECRET,
        // Customer account (docs/storefront.md)
        customerCanDeactivate: process.env.LICENSE_CUSTOMER_CAN_DEACTIVATE,
        customerDeactivationCooldownSeconds: process.env.LICENSE_CUSTOMER_DEACTIVATION_COOLDOWN_SECONDS,
        // Verify API (docs/verify-api.md)
        signingPrivateKey: process.env.LICENSE_SIGNING_PRIVATE_KEY,
        signatureTtlSeconds: process.env.LICENSE_SIGNATURE_TTL_SECONDS,
        trustedProxyHops: process.env.LICENSE_TRUSTED_PROXY_HOPS,
        verifyRateLimitMax: process.env.LICENSE_VERIFY_RATE_LIMIT_MAX,
        verifyRateLimitWindowSeconds: process.env.LICENSE_VERIFY_RATE_LIMIT_WINDOW_SECONDS,
        redisUrl,
        // Revocation (docs/revocation.md)
        revokeOn: process.env.LICENSE_REVOKE_ON,
        stripeWebhookSecret: process.env.STRIPE_LICENSE_WEBHOOK_SECRET,
        // Webhooks and transfers (docs/webhooks.md, docs/transfers.md)
        webhooksAllowPrivateNetworks: process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS,
        webhooksMaxAttempts: process.env.LICENSE_WEBHOOKS_MAX_ATTEMPTS,
        webhooksBackoffBaseMs: process.env.LICENSE_WEBHOOKS_BACKOFF_BASE_MS,
        webhooksBackoffMaxMs: process.env.LICENSE_WEBHOOKS_BACKOFF_MAX_MS,
        webhooksTimeoutMs: process.env.LICENSE_WEBHOOKS_TIMEOUT_MS,
        // History retention (docs/admin.md)
        historyRetentionDays: process.env.LICENSE_HISTORY_RETENTION_DAYS,
        // Coming from KeyPort (docs/migrating-from-keyport.md): off unless set
        keyportCompatibleApi: process.env.LICENSE_KEYPORT_COMPATIBLE_API,
      },
    },
    {
      key: Modules.NOTIFICATION,
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          // The HTTP tests that make e-mail fail set LICENSE_TEST_NOTIFICATION_PROVIDER
          // (integration-tests/notification-provider: our test double).
          process.env.LICENSE_TEST_NOTIFICATION_PROVIDER === "true"
            ? {
                // Absolute: Medusa rewrites a "./" provider path to "./src/...".
                resolve: `${process.cwd()}/integration-tests/notification-provider`,
                id: "license-test",
                options: { channels: ["email"] },
              }
            : {
                resolve: "@medusajs/medusa/notification-local",
                id: "local",
                options: { channels: ["email"] },
              },
        ],
      },
    },
    // Software delivery (docs/software-delivery.md): releases and their private artifacts.
    {
      resolve: "./src/modules/release",
      options: {
        secret: process.env.LICENSE_KEY_SECRET,
        downloadTokenSecret: process.env.LICENSE_DOWNLOAD_TOKEN_SECRET,
        downloadTokenTtlSeconds: process.env.LICENSE_DOWNLOAD_TOKEN_TTL_SECONDS,
        releaseMaxArtifactBytes: process.env.LICENSE_RELEASE_MAX_ARTIFACT_BYTES,
        publicUrl: process.env.LICENSE_PUBLIC_URL,
      },
    },
    {
      // The local provider writes "private" files to private_upload_dir; Medusa serves only static/,
      // so release artifacts there have no public URL (docs/software-delivery.md, "Storage").
      key: Modules.FILE,
      resolve: "@medusajs/medusa/file",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/file-local",
            id: "local",
            options: {
              private_upload_dir: process.env.LICENSE_PRIVATE_FILES_DIR || path.join(process.cwd(), ".data", "private-files"),
            },
          },
        ],
      },
    },
    ...redisModules,
  ],
})
