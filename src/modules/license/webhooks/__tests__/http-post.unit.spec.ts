import http from "node:http"
import type { AddressInfo } from "node:net"
import { postWebhook } from "../http-post"

describe("postWebhook", () => {
  let server: http.Server
  let port: number
  let mode: "ok" | "fail" | "hang" | "redirect" = "ok"
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = []

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (chunk) => (body += chunk))
      req.on("end", () => {
        received.push({ headers: req.headers, body })
        if (mode === "ok") {
          res.writeHead(204).end()
        } else if (mode === "fail") {
          res.writeHead(503).end("down for maintenance")
        } else if (mode === "redirect") {
          res.writeHead(302, { Location: "http://127.0.0.1:1/" }).end()
        }
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    port = (server.address() as AddressInfo).port
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  const post = (url: string, allowPrivateNetworks = true, timeoutMs = 2000) =>
    postWebhook({ url, body: '{"a":1}', headers: { "X-Test": "yes" }, timeoutMs, allowPrivateNetworks })

  it("POSTs the body with its headers and treats 2xx as success", async () => {
    mode = "ok"
    await expect(post(`http://127.0.0.1:${port}/in`)).resolves.toEqual({ ok: true, status: 204 })
    const last = received[received.length - 1]
    expect(last.body).toBe('{"a":1}')
    expect(last.headers["content-type"]).toBe("application/json")
    expect(last.headers["x-test"]).toBe("yes")
  })

  it("reports an error status with the start of the answer, and does not follow redirects", async () => {
    mode = "fail"
    await expect(post(`http://127.0.0.1:${port}/in`)).resolves.toEqual({
      ok: false,
      status: 503,
      error: "HTTP 503: down for maintenance",
    })
    mode = "redirect"
    const count = received.length
    await expect(post(`http://127.0.0.1:${port}/in`)).resolves.toMatchObject({ ok: false, status: 302 })
    expect(received.length).toBe(count + 1)
  })

  it("gives up after the timeout", async () => {
    mode = "hang"
    const started = Date.now()
    const result = await post(`http://127.0.0.1:${port}/in`, true, 300)
    expect(result).toEqual({ ok: false, status: null, error: "Timed out after 300 ms" })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it("refuses loopback at send time, by literal IP and by host name, without connecting", async () => {
    mode = "ok"
    const count = received.length
    for (const url of [`http://127.0.0.1:${port}/in`, `http://localhost:${port}/in`, `http://[::1]:${port}/in`]) {
      const result = await post(url, false)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error).toMatch(/private address/)
    }
    expect(received.length).toBe(count)
  })
})
