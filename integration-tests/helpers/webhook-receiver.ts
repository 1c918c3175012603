import http from "node:http"
import type { AddressInfo } from "node:net"
import { Webhook } from "standardwebhooks"

/** One request a receiver got: the raw body (what the signature covers) and its headers. */
export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number; answered: number | null }

/** What the receiver answers to its n-th request (0-based): a status code, or "hang" (never answer). */
export type Behaviour = (n: number, received: Received) => number | "hang"

/**
 * A real webhook receiver: a node http server on loopback that records every
 * request and answers as `behaviour` says (200 by default).
 */
export async function startReceiver(behaviour: Behaviour = () => 200) {
  const received: Received[] = []
  let current = behaviour
  const server = http.createServer((req, res) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => {
      const entry: Received = { headers: req.headers, body, at: Date.now(), answered: null }
      const answer = current(received.length, entry)
      received.push(entry)
      if (answer !== "hang") {
        entry.answered = answer
        res.writeHead(answer, { "Content-Type": "text/plain" }).end(answer >= 300 ? "receiver says no" : "ok")
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/license-events`,
    port,
    received,
    /** Parsed bodies, in arrival order. */
    events: () => received.map((r) => JSON.parse(r.body) as { id: string; type: string; timestamp: string; data: any }),
    setBehaviour(next: Behaviour) {
      current = next
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>

/**
 * What a receiver using the stock Standard Webhooks library does with a request:
 * `new Webhook(secret).verify(rawBody, headers)`. Returns the parsed event, throws
 * (WebhookVerificationError) when the signature, id or timestamp does not hold.
 */
export function verifyWithLibrary(secret: string, request: Received): unknown {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") {
      headers[name] = value
    }
  }
  return new Webhook(secret).verify(request.body, headers)
}
