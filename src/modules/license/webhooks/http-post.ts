import http from "node:http"
import https from "node:https"
import { isIP } from "node:net"
import { guardedLookup, parseWebhookUrl, type Resolver, resolveWebhookHost } from "./ssrf-guard"

export type PostResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string }

export type PostOptions = {
  url: string
  body: string
  headers: Record<string, string>
  timeoutMs: number
  allowPrivateNetworks: boolean
  resolve?: Resolver
}

const MAX_ERROR_BODY = 500

/**
 * POSTs one delivery. The connection goes to the address the SSRF guard
 * checked (its `lookup`), redirects are not followed (a 3xx is a failure), and
 * the whole attempt (connect, send, answer) must end within `timeoutMs`.
 * 2xx is success; anything else, a refused address, a network error or the
 * timeout is a failure with a short description.
 */
export async function postWebhook(options: PostOptions): Promise<PostResult> {
  let url: URL
  try {
    url = parseWebhookUrl(options.url)
    // A literal IP never reaches `lookup`: check it here.
    if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) {
      await resolveWebhookHost(url, options.allowPrivateNetworks)
    }
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message }
  }
  return await new Promise((resolve) => {
    let settled = false
    const finish = (result: PostResult) => {
      if (!settled) {
        settled = true
        clearTimeout(timer)
        resolve(result)
      }
    }
    const client = url.protocol === "https:" ? https : http
    const request = client.request(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(options.body),
        "User-Agent": "medusa-plugin-license-keys-webhooks/1",
        ...options.headers,
      },
      lookup: guardedLookup(options.allowPrivateNetworks, options.resolve) as unknown as http.RequestOptions["lookup"],
      agent: false,
    })
    const timer = setTimeout(() => {
      request.destroy(new Error(`Timed out after ${options.timeoutMs} ms`))
    }, options.timeoutMs)
    request.on("error", (error) => finish({ ok: false, status: null, error: error.message }))
    request.on("close", () => finish({ ok: false, status: null, error: "The connection closed before an answer" }))
    request.on("response", (response) => {
      const status = response.statusCode ?? 0
      let text = ""
      response.setEncoding("utf8")
      response.on("data", (chunk: string) => {
        if (text.length < MAX_ERROR_BODY) {
          text += chunk
        }
      })
      response.on("error", (error) => finish({ ok: false, status, error: error.message }))
      response.on("aborted", () => finish({ ok: false, status, error: "The answer was cut off" }))
      response.on("end", () => {
        if (status >= 200 && status < 300) {
          finish({ ok: true, status })
        } else {
          const snippet = text.slice(0, MAX_ERROR_BODY).trim()
          finish({ ok: false, status, error: `HTTP ${status}${snippet ? `: ${snippet}` : ""}` })
        }
      })
    })
    request.end(options.body)
  })
}
