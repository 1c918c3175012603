import type { AxiosInstance, AxiosResponse } from "axios"
import http from "node:http"

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

/**
 * A fresh loopback source address per call (a new client IP with an empty
 * rate-limit window): 127.<octet>.x.y, where each spec takes its own `octet`
 * so no two specs share an address range. `count` is how many it handed out.
 */
export function sourceAddresses(octet: number): (() => string) & { readonly count: number } {
  let sourceCounter = 0
  const next = () => {
    sourceCounter++
    return `127.${octet}.${Math.floor(sourceCounter / 250) + 1}.${(sourceCounter % 250) + 1}`
  }
  return Object.defineProperty(next, "count", { get: () => sourceCounter }) as (() => string) & { readonly count: number }
}
