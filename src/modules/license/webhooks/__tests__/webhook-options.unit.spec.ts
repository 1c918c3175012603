import { resolveLicenseOptions } from "../../options"

const secret = "x".repeat(40)

describe("webhook and transfer options", () => {
  const saved = process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS
  afterEach(() => {
    if (saved === undefined) {
      delete process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS
    } else {
      process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = saved
    }
  })

  it("defaults: public addresses only, 12 attempts, 30 s base backoff capped at 6 h, 10 s timeout", () => {
    delete process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS
    const options = resolveLicenseOptions({ secret })
    expect(options.webhooks).toEqual({
      allowPrivateNetworks: false,
      maxAttempts: 12,
      backoffBaseMs: 30_000,
      backoffMaxMs: 6 * 3600 * 1000,
      timeoutMs: 10_000,
    })
    expect(options.transfers).toEqual({
      notificationTemplate: "license-transferred",
      notificationChannel: "email",
      claimNotificationTemplate: "license-transfer-claim",
      claimTtlSeconds: 7 * 24 * 60 * 60,
      storefrontUrl: "http://localhost:8000",
      claimPath: "/account/licenses/claim",
    })
  })

  it("reads strings (env vars), and the env var when the option is absent", () => {
    const options = resolveLicenseOptions({
      secret,
      webhooksAllowPrivateNetworks: "true",
      webhooksMaxAttempts: "3",
      webhooksBackoffBaseMs: "200",
      webhooksTimeoutMs: "1500",
    })
    expect(options.webhooks).toMatchObject({ allowPrivateNetworks: true, maxAttempts: 3, backoffBaseMs: 200, timeoutMs: 1500 })
    process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "yes"
    expect(resolveLicenseOptions({ secret }).webhooks.allowPrivateNetworks).toBe(true)
    expect(resolveLicenseOptions({ secret, webhooksAllowPrivateNetworks: false }).webhooks.allowPrivateNetworks).toBe(false)
  })

  it("refuses nonsense at boot", () => {
    expect(() => resolveLicenseOptions({ secret, webhooksMaxAttempts: "0" })).toThrow(/webhooksMaxAttempts/)
    expect(() => resolveLicenseOptions({ secret, webhooksTimeoutMs: "soon" })).toThrow(/webhooksTimeoutMs/)
    expect(() => resolveLicenseOptions({ secret, webhooksAllowPrivateNetworks: "maybe" })).toThrow(/webhooksAllowPrivateNetworks/)
  })
})
