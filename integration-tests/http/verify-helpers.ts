import type { MedusaContainer } from "@medusajs/framework/types"
import type { AxiosInstance, AxiosResponse } from "axios"
import http from "node:http"
import type LicenseModuleService from "../../src/modules/license/service"
import type { IssueLicenseInput, LicenseDTO } from "../../src/modules/license/service"

/**
 * Helpers for the Verify API tests. Requests go to 127.0.0.1 from a chosen
 * loopback source address (the whole 127.0.0.0/8 is local on Linux), so each
 * test is a different real client IP: rate limits and IP identities are
 * exercised through the socket address, not through headers.
 */
export function verifyClient(api: AxiosInstance) {
  const port = new URL(api.defaults.baseURL!).port
  const agents = new Map<string, http.Agent>()
  const agentFor = (sourceIp: string) => {
    let agent = agents.get(sourceIp)
    if (!agent) {
      agent = new http.Agent({ keepAlive: true, localAddress: sourceIp })
      agents.set(sourceIp, agent)
    }
    return agent
  }
  const url = (path: string) => `http://127.0.0.1:${port}${path}`

  return {
    url,
    /** POSTs a JSON body (or a raw string/Buffer with `contentType`) from `from`. */
    async post(
      path: string,
      body: unknown,
      { from = "127.0.0.1", headers = {}, contentType, raw = false }: PostOptions = {}
    ): Promise<AxiosResponse> {
      const allHeaders: Record<string, string> = { ...headers }
      if (contentType) {
        allHeaders["content-type"] = contentType
      }
      return api.post(url(path), body, {
        httpAgent: agentFor(from),
        headers: allHeaders,
        validateStatus: () => true,
        transformRequest: raw ? [(data) => data] : undefined,
        maxBodyLength: Infinity,
      })
    },
    async get(path: string, from = "127.0.0.1") {
      return api.get(url(path), { httpAgent: agentFor(from), validateStatus: () => true })
    },
    close() {
      for (const agent of agents.values()) {
        agent.destroy()
      }
    },
  }
}

export type PostOptions = {
  from?: string
  headers?: Record<string, string>
  contentType?: string
  /** Send `body` as is (a string or Buffer), without axios' JSON serialisation. */
  raw?: boolean
}

export function licenseService(container: MedusaContainer) {
  return container.resolve<LicenseModuleService>("license")
}

/** Issues one license through the module service and returns it with its clear key. */
export async function issueLicense(
  container: MedusaContainer,
  overrides: Partial<IssueLicenseInput> = {}
): Promise<{ license: LicenseDTO; key: string }> {
  const service = licenseService(container)
  const { created } = await service.issueLicenses(
    [
      {
        max_activations: 5,
        product_id: "prod_verify",
        variant_id: "variant_verify",
        product_title: "Pro Plugin",
        variant_title: "5 sites",
        customer_email: "owner@example.com",
        ...overrides,
      },
    ],
    { type: "system" }
  )
  return { license: created[0], key: service.revealKey(created[0]) }
}

export async function heldActivations(container: MedusaContainer, licenseId: string) {
  return await licenseService(container).listLicenseActivations(
    { license_id: licenseId, released_at: null },
    { take: null }
  )
}

export async function activationsUsed(container: MedusaContainer, licenseId: string) {
  return (await licenseService(container).retrieveLicense(licenseId)).activations_used
}

/** A deterministic PRNG (mulberry32), so a failing fuzz case can be replayed. */
export function prng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
