import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import { createPublicKey } from "node:crypto"
import { formatLicenseKey, generateKeyBody } from "../../src/modules/license/rules/license-key"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { activationsUsed, heldActivations, issueLicense, licenseService } from "../helpers/licenses"
import { percentEncode, prng } from "../helpers/fuzz"

jest.setTimeout(120 * 1000)

// The contract of docs/verify-api.md, over real HTTP, on a real
// database. The server runs with 0 trusted proxy hops (the default) and the
// default rate limit (20 failed look-ups per IP per 60 s).

const MESSAGES = {
  valid: "License is valid",
  malformed: "License key is malformed",
  not_found: "License key not found",
  revoked: "License has been revoked",
  suspended: "License is suspended",
  expired: "License has expired",
  product_mismatch: "License does not belong to this product",
  max_activations_exceeded: "Max activations exceeded",
}

/** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD instead of throwing). */

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    /** A fresh loopback source address: a new client IP with an empty rate-limit window. */
    const freshIp = sourceAddresses(0)

    beforeAll(() => {
      client = verifyClient(api)
    })
    afterAll(() => client?.close())

    const verify = (body: unknown, from = freshIp()) => client.post("/licenses/verify", body, { from })
    const deactivate = (body: unknown, from = freshIp()) => client.post("/licenses/deactivate", body, { from })

    describe("answer codes", () => {
      it("valid: takes a slot and answers with the license", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 3 })
        const res = await verify({ license_key: key, domain: "shop.example.com" })
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({
          valid: true,
          code: "valid",
          message: MESSAGES.valid,
          license_key: key,
          identity: { kind: "domain", value: "shop.example.com" },
          license: {
            status: "active",
            expires_at: null,
            max_activations: 3,
            activations_used: 1,
            product_id: "prod_verify",
            variant_id: "variant_verify",
            product_title: "Pro Plugin",
            variant_title: "5 sites",
          },
        })
        expect(typeof res.data.signature).toBe("string")
        expect(await activationsUsed(getContainer(), license.id)).toBe(1)
      })

      it("accepts the key in any case, with spaces or without dashes", async () => {
        const { key } = await issueLicense(getContainer())
        const sloppy = ` ${key.toLowerCase().replace(/-/g, " ")} `
        const res = await verify({ license_key: sloppy, domain: "a.example" })
        expect(res.data).toMatchObject({ valid: true, code: "valid", license_key: key })
      })

      it("malformed: a mistyped key is refused without a lookup", async () => {
        const { key } = await issueLicense(getContainer())
        const last = key[key.length - 1]
        const typo = key.slice(0, -1) + (last === "A" ? "B" : "A")
        for (const bad of [typo, "CP-12345", "hello", "   "]) {
          const res = await verify({ license_key: bad, domain: "a.example" })
          expect(res.status).toBe(200)
          expect(res.data).toMatchObject({ valid: false, code: "malformed", message: MESSAGES.malformed, license: null })
        }
      })

      it("not_found: a well-formed key nobody issued", async () => {
        const res = await verify({ license_key: formatLicenseKey(generateKeyBody(), "CP"), domain: "a.example" })
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ valid: false, code: "not_found", message: MESSAGES.not_found, license: null })
      })

      it.each([
        ["revoked", { status: "revoked" }],
        ["suspended", { status: "suspended" }],
      ] as const)("%s: answered, and no slot is taken", async (code, update) => {
        const { license, key } = await issueLicense(getContainer())
        await licenseService(getContainer()).updateLicenses({ id: license.id, ...update })
        const res = await verify({ license_key: key, domain: "new.example" })
        expect(res.data).toMatchObject({ valid: false, code, message: MESSAGES[code], license: { status: code } })
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(0)
        expect(await activationsUsed(getContainer(), license.id)).toBe(0)
      })

      it("a revoked license is refused also for a domain that held a slot before", async () => {
        const { license, key } = await issueLicense(getContainer())
        expect((await verify({ license_key: key, domain: "held.example" })).data.code).toBe("valid")
        await licenseService(getContainer()).updateLicenses({ id: license.id, status: "revoked" })
        const res = await verify({ license_key: key, domain: "held.example" })
        expect(res.data).toMatchObject({ valid: false, code: "revoked" })
      })

      it("expired: derived from expires_at, no slot taken", async () => {
        const { license, key } = await issueLicense(getContainer(), { expires_at: new Date(Date.now() - 1000) })
        const res = await verify({ license_key: key, domain: "new.example" })
        expect(res.data).toMatchObject({ valid: false, code: "expired", message: MESSAGES.expired, license: { status: "expired" } })
        expect(await activationsUsed(getContainer(), license.id)).toBe(0)

        const future = new Date(Date.now() + 86_400_000)
        const { key: fresh } = await issueLicense(getContainer(), { expires_at: future })
        const ok = await verify({ license_key: fresh, domain: "new.example" })
        expect(ok.data).toMatchObject({ valid: true, license: { expires_at: future.toISOString() } })
      })

      it("product_mismatch: product_id or variant_id of another product, no slot taken", async () => {
        const { license, key } = await issueLicense(getContainer())
        for (const scope of [{ product_id: "prod_other" }, { variant_id: "variant_other" }]) {
          const res = await verify({ license_key: key, domain: "new.example", ...scope })
          expect(res.data).toMatchObject({ valid: false, code: "product_mismatch", message: MESSAGES.product_mismatch })
        }
        expect(await activationsUsed(getContainer(), license.id)).toBe(0)
        const ok = await verify({ license_key: key, domain: "new.example", product_id: "prod_verify", variant_id: "variant_verify" })
        expect(ok.data.code).toBe("valid")
      })

      it("max_activations_exceeded: a new domain when all slots are taken", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 2 })
        expect((await verify({ license_key: key, domain: "one.example" })).data.code).toBe("valid")
        expect((await verify({ license_key: key, domain: "two.example" })).data.code).toBe("valid")
        const res = await verify({ license_key: key, domain: "three.example" })
        expect(res.data).toMatchObject({
          valid: false,
          code: "max_activations_exceeded",
          message: MESSAGES.max_activations_exceeded,
          license: { activations_used: 2, max_activations: 2 },
        })
        // the holders keep working
        expect((await verify({ license_key: key, domain: "ONE.example." })).data.code).toBe("valid")
        expect(await activationsUsed(getContainer(), license.id)).toBe(2)
      })
    })

    describe("request errors", () => {
      it.each([
        ["no key", {}, "license_key is required"],
        ["empty key", { license_key: "" }, "license_key is required"],
        ["numeric key", { license_key: 42 }, "license_key must be a string"],
        ["array key", { license_key: ["CP-1"] }, "license_key must be a string"],
        ["numeric domain", { license_key: "CP-1", domain: 7 }, "domain must be a string"],
        ["operator object", { license_key: "CP-1", product_id: { $ne: null } }, "product_id must be a string"],
        ["600-char key", { license_key: "x".repeat(600) }, "license_key is too long (at most 512 characters)"],
        ["invalid domain", { license_key: "CP-1", domain: "not a domain" }, "domain is not a valid domain name"],
      ])("%s -> 400 invalid_request", async (_label, body, message) => {
        for (const path of ["/licenses/verify", "/licenses/deactivate"]) {
          const res = await client.post(path, body, { from: freshIp() })
          expect(res.status).toBe(400)
          expect(res.data).toEqual({ code: "invalid_request", message })
        }
      })

      it("bad JSON, a non-object body, a body over the limit, an unknown content type", async () => {
        const cases: [string | Buffer, string, string][] = [
          ['{"license_key": ', "application/json", "The request body is not valid JSON"],
          ["[1,2]", "application/json", "The request body must be a JSON object"],
          ["null", "application/json", "The request body must be a JSON object"],
          [JSON.stringify({ license_key: "CP-1", pad: "x".repeat(5000) }), "application/json", "The request body is larger than 4096 bytes"],
          [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), "application/json", "The request body is not valid UTF-8"],
          ["<license/>", "application/xml", "Unsupported content type: send application/json or application/x-www-form-urlencoded"],
        ]
        for (const [body, contentType, message] of cases) {
          const res = await client.post("/licenses/verify", body, { from: freshIp(), contentType, raw: true })
          expect({ status: res.status, data: res.data }).toEqual({ status: 400, data: { code: "invalid_request", message } })
        }
      })

      it("a huge body is refused with 400 and the connection closed, not a 500", async () => {
        const res = await client.post("/licenses/verify", JSON.stringify({ license_key: "x".repeat(600_000) }), {
          from: freshIp(),
          contentType: "application/json",
          raw: true,
        })
        expect(res.status).toBe(400)
        expect(res.data.code).toBe("invalid_request")
      })
    })

    describe("form-encoded bodies (PHP clients)", () => {
      it("verifies and deactivates like JSON", async () => {
        const { license, key } = await issueLicense(getContainer())
        const from = freshIp()
        const form = new URLSearchParams({ license_key: key, domain: "https://WP.example.org/wp-admin/" }).toString()
        const res = await client.post("/licenses/verify", form, { from, contentType: "application/x-www-form-urlencoded", raw: true })
        expect(res.data).toMatchObject({ valid: true, code: "valid", identity: { kind: "domain", value: "wp.example.org" } })
        const off = await client.post("/licenses/deactivate", form, { from, contentType: "application/x-www-form-urlencoded", raw: true })
        expect(off.data).toMatchObject({ deactivated: true, code: "deactivated" })
        expect(await activationsUsed(getContainer(), license.id)).toBe(0)
      })

      it("a repeated field is a request error", async () => {
        const res = await client.post("/licenses/verify", "license_key=a&license_key=b", {
          from: freshIp(),
          contentType: "application/x-www-form-urlencoded",
          raw: true,
        })
        expect(res.status).toBe(400)
        expect(res.data).toEqual({ code: "invalid_request", message: "license_key must be a string" })
      })
    })

    describe("identity and slots", () => {
      it("a known domain never takes a second slot, however it is spelled", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 1 })
        for (const domain of ["example.com", "https://Example.com/shop", "EXAMPLE.COM.", "example.com:8443", "http://example.com?x=1"]) {
          const res = await verify({ license_key: key, domain })
          expect(res.data).toMatchObject({ valid: true, identity: { kind: "domain", value: "example.com" } })
        }
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)
        expect(await activationsUsed(getContainer(), license.id)).toBe(1)
      })

      it("an IDN domain is stored in punycode", async () => {
        const { license, key } = await issueLicense(getContainer())
        const res = await verify({ license_key: key, domain: "https://Bücher.Example/" })
        expect(res.data.identity).toEqual({ kind: "domain", value: "xn--bcher-kva.example" })
        expect((await heldActivations(getContainer(), license.id))[0].identifier).toBe("xn--bcher-kva.example")
      })

      it("without a domain the identity is the client IP; each IP takes its own slot", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 2 })
        const [a, b, c] = [freshIp(), freshIp(), freshIp()]
        expect((await verify({ license_key: key }, a)).data).toMatchObject({ valid: true, identity: { kind: "ip", value: a } })
        expect((await verify({ license_key: key }, a)).data.code).toBe("valid")
        expect((await verify({ license_key: key, domain: "" }, b)).data.code).toBe("valid")
        expect((await verify({ license_key: key }, c)).data.code).toBe("max_activations_exceeded")
        const held = await heldActivations(getContainer(), license.id)
        expect(held.map((h) => [h.kind, h.identifier]).sort()).toEqual([["ip", a], ["ip", b]].sort())
      })

      it("a forged X-Forwarded-For can neither take nor steal a slot (0 trusted hops)", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 1 })
        const owner = freshIp()
        const attacker = freshIp()
        const forged = { "x-forwarded-for": owner }

        // The owner's machine activates by IP.
        expect((await verify({ license_key: key }, owner)).data).toMatchObject({ valid: true, identity: { kind: "ip", value: owner } })
        // The attacker claims to be the owner: still identified by its socket address.
        const steal = await client.post("/licenses/verify", { license_key: key }, { from: attacker, headers: forged })
        expect(steal.data).toMatchObject({ valid: false, code: "max_activations_exceeded", identity: { kind: "ip", value: attacker } })
        const free = await client.post("/licenses/deactivate", { license_key: key }, { from: attacker, headers: forged })
        expect(free.data).toMatchObject({ deactivated: false, code: "not_activated" })

        // A header naming a made-up client does not take a slot for that client either.
        const other = await issueLicense(getContainer(), { max_activations: 3 })
        for (const fake of ["203.0.113.7", "203.0.113.8", "10.9.9.9, 203.0.113.9"]) {
          await client.post("/licenses/verify", { license_key: other.key }, { from: attacker, headers: { "x-forwarded-for": fake } })
        }
        const held = await heldActivations(getContainer(), other.license.id)
        expect(held.map((h) => h.identifier)).toEqual([attacker])

        expect(await heldActivations(getContainer(), license.id)).toEqual([expect.objectContaining({ identifier: owner })])
      })

      it("refreshes last_seen_at at most once a minute, in a batched write", async () => {
        const { license, key } = await issueLicense(getContainer())
        await verify({ license_key: key, domain: "seen.example" })
        const service = licenseService(getContainer())
        const [activation] = await heldActivations(getContainer(), license.id)
        const twoMinutesAgo = new Date(Date.now() - 120_000)
        await service.updateLicenseActivations({ id: activation.id, last_seen_at: twoMinutesAgo })

        await verify({ license_key: key, domain: "seen.example" })
        // not written on the request path ...
        expect(new Date((await service.retrieveLicenseActivation(activation.id)).last_seen_at).getTime()).toBe(twoMinutesAgo.getTime())
        await service.flushVerifyWrites()
        const refreshed = new Date((await service.retrieveLicenseActivation(activation.id)).last_seen_at)
        expect(Date.now() - refreshed.getTime()).toBeLessThan(10_000)

        // ... and not again within the minute
        await verify({ license_key: key, domain: "seen.example" })
        await service.flushVerifyWrites()
        expect(new Date((await service.retrieveLicenseActivation(activation.id)).last_seen_at).getTime()).toBe(refreshed.getTime())
      })
    })

    describe("exact counting under concurrency", () => {
      it("50 parallel new domains against a cap of 5: exactly 5 valid, 5 activation rows", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 5 })
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => verify({ license_key: key, domain: `site-${i}.example` }))
        )
        const codes = results.map((r) => r.data.code)
        expect(codes.filter((c) => c === "valid")).toHaveLength(5)
        expect(codes.filter((c) => c === "max_activations_exceeded")).toHaveLength(45)
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(5)
        expect(await activationsUsed(getContainer(), license.id)).toBe(5)

        // 45 refusals, aggregated into one event row
        const refusals = await licenseService(getContainer()).listLicenseEvents({ license_id: license.id, type: "activation_refused" })
        expect(refusals).toHaveLength(1)
        expect(refusals[0]).toMatchObject({ actor_type: "installed_product", data: { reason: "max_activations_exceeded", count: 45 } })
        expect((refusals[0].data as { identities: string[] }).identities).toHaveLength(10)
        const activated = await licenseService(getContainer()).listLicenseEvents({ license_id: license.id, type: "activated" })
        expect(activated).toHaveLength(5)
        expect(activated[0]).toMatchObject({ actor_type: "installed_product" })
      })

      it("cap 0 is unlimited: 50 parallel new domains all take a slot", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 0 })
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => verify({ license_key: key, domain: `u-${i}.example` }))
        )
        expect(results.every((r) => r.data.code === "valid")).toBe(true)
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(50)
        expect(await activationsUsed(getContainer(), license.id)).toBe(50)
      })

      it.each([5, 1])("30 parallel first verifies of the same domain take exactly one slot (cap %i), all valid", async (cap) => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: cap })
        const results = await Promise.all(
          Array.from({ length: 30 }, () => verify({ license_key: key, domain: "same.example" }))
        )
        expect(results.map((r) => r.data.code)).toEqual(Array(30).fill("valid"))
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)
        expect(await activationsUsed(getContainer(), license.id)).toBe(1)
        const activated = await licenseService(getContainer()).listLicenseEvents({ license_id: license.id, type: "activated" })
        expect(activated).toHaveLength(1)
        expect(activated[0].data).toMatchObject({ kind: "domain", identifier: "same.example", activations_used: 1, max_activations: cap })
      })
    })

    describe("deactivate", () => {
      it("frees exactly the caller's slot, keeps its history, and lets another domain in", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 2 })
        await verify({ license_key: key, domain: "a.example" })
        await verify({ license_key: key, domain: "b.example" })
        expect((await verify({ license_key: key, domain: "c.example" })).data.code).toBe("max_activations_exceeded")

        const results = await Promise.all(Array.from({ length: 10 }, () => deactivate({ license_key: key, domain: "a.example" })))
        expect(results.filter((r) => r.data.code === "deactivated")).toHaveLength(1)
        expect(results.filter((r) => r.data.code === "not_activated")).toHaveLength(9)
        const done = results.find((r) => r.data.code === "deactivated")!
        expect(done.data).toMatchObject({ deactivated: true, message: "Activation has been released", license: { activations_used: 1 } })
        expect(await activationsUsed(getContainer(), license.id)).toBe(1)

        const all = await licenseService(getContainer()).listLicenseActivations({ license_id: license.id })
        expect(all.find((a) => a.identifier === "a.example")!.released_at).not.toBeNull()
        expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual(["b.example"])

        expect((await verify({ license_key: key, domain: "c.example" })).data.code).toBe("valid")
        // the freed domain comes back as a new activation
        expect((await verify({ license_key: key, domain: "a.example" })).data.code).toBe("max_activations_exceeded")

        const events = await licenseService(getContainer()).listLicenseEvents({ license_id: license.id, type: "deactivated" })
        expect(events).toHaveLength(1)
        expect(events[0]).toMatchObject({ actor_type: "installed_product", data: { kind: "domain", identifier: "a.example" } })
      })

      it("answers malformed, not_found, product_mismatch and not_activated", async () => {
        const { key } = await issueLicense(getContainer())
        expect((await deactivate({ license_key: "CP-NOPE" })).data).toMatchObject({ deactivated: false, code: "malformed", message: MESSAGES.malformed })
        expect((await deactivate({ license_key: formatLicenseKey(generateKeyBody(), "CP") })).data).toMatchObject({ code: "not_found", message: MESSAGES.not_found })
        expect((await deactivate({ license_key: key, domain: "x.example", product_id: "prod_other" })).data).toMatchObject({ code: "product_mismatch" })
        expect((await deactivate({ license_key: key, domain: "x.example" })).data).toMatchObject({
          code: "not_activated",
          message: "No activation is held by this domain or IP",
        })
      })
    })

    describe("signatures", () => {
      it("every 200 answer verifies with the served public key (PEM and JWK) and fails when one byte changes", async () => {
        const keyRes = await client.get("/licenses/public-key")
        expect(keyRes.status).toBe(200)
        expect(keyRes.data).toMatchObject({ alg: "ES256", jwk: { kty: "EC", crv: "P-256", alg: "ES256" } })
        expect(keyRes.data.pem).toContain("-----BEGIN PUBLIC KEY-----")
        const pemRes = await client.get("/licenses/public-key?format=pem")
        expect(pemRes.headers["content-type"]).toContain("application/x-pem-file")
        expect(pemRes.data).toBe(keyRes.data.pem)
        const jwks = await client.get("/licenses/public-key?format=jwks")
        expect(jwks.data).toEqual({ keys: [keyRes.data.jwk] })
        const fromJwk = createPublicKey({ key: keyRes.data.jwk, format: "jwk" })

        const { key } = await issueLicense(getContainer(), { max_activations: 1 })
        const answers = [
          await verify({ license_key: key, domain: "signed.example" }),
          await verify({ license_key: key, domain: "other.example" }),
          await verify({ license_key: "CP-BAD" }),
          await verify({ license_key: formatLicenseKey(generateKeyBody(), "CP") }),
          await deactivate({ license_key: key, domain: "signed.example" }),
        ]
        for (const res of answers) {
          expect(res.status).toBe(200)
          const { signature, ...content } = res.data
          for (const publicKey of [keyRes.data.pem, fromJwk]) {
            const payload = jwt.verify(signature, publicKey, { algorithms: ["ES256"] }) as Record<string, unknown>
            const { iat, exp, ...signed } = payload
            expect(signed).toEqual(content)
            expect((exp as number) - (iat as number)).toBe(3600)
          }
          expect(jwt.decode(signature, { complete: true })!.header.kid).toBe(keyRes.data.kid)

          // one byte changed, anywhere in the token: refused
          for (const position of [10, Math.floor(signature.length / 2), signature.length - 5]) {
            const flipped = signature[position] === "A" ? "B" : "A"
            const tampered = signature.slice(0, position) + flipped + signature.slice(position + 1)
            expect(() => jwt.verify(tampered, keyRes.data.pem, { algorithms: ["ES256"] })).toThrow()
          }
        }
      })

      it("errors (400, 429) are not signed", async () => {
        const res = await verify({})
        expect(res.status).toBe(400)
        expect(res.data.signature).toBeUndefined()
      })
    })

    describe("rate limit on failed look-ups", () => {
      it("answers 429 rate_limited with Retry-After after 20 failures from one IP, for every key", async () => {
        const attacker = freshIp()
        const { key } = await issueLicense(getContainer())
        // valid answers do not count
        for (let i = 0; i < 5; i++) {
          expect((await verify({ license_key: key, domain: "ok.example" }, attacker)).status).toBe(200)
        }
        for (let i = 0; i < 20; i++) {
          const unknown = i % 2 ? formatLicenseKey(generateKeyBody(), "CP") : `CP-GUESS-${i}`
          const res = await verify({ license_key: unknown }, attacker)
          expect(res.status).toBe(200)
          expect(["not_found", "malformed"]).toContain(res.data.code)
        }
        const limited = await verify({ license_key: formatLicenseKey(generateKeyBody(), "CP") }, attacker)
        expect(limited.status).toBe(429)
        expect(limited.data).toMatchObject({ code: "rate_limited" })
        const retryAfter = Number(limited.headers["retry-after"])
        expect(retryAfter).toBeGreaterThan(0)
        expect(retryAfter).toBeLessThanOrEqual(60)
        expect(limited.data.retry_after).toBe(retryAfter)
        // a blocked IP learns nothing, not even about a valid key
        expect((await verify({ license_key: key, domain: "ok.example" }, attacker)).status).toBe(429)
        expect((await deactivate({ license_key: key, domain: "ok.example" }, attacker)).status).toBe(429)
        // other clients are not affected, and a forged header does not escape the limit
        expect((await verify({ license_key: key, domain: "ok.example" })).status).toBe(200)
        const escape = await client.post("/licenses/verify", { license_key: key }, { from: attacker, headers: { "x-forwarded-for": "198.51.100.1" } })
        expect(escape.status).toBe(429)
      })

      it("answers at most 20 failed look-ups to 60 parallel guesses from one IP", async () => {
        const attacker = freshIp()
        const answers = await Promise.all(
          Array.from({ length: 60 }, () => verify({ license_key: formatLicenseKey(generateKeyBody(), "CP") }, attacker))
        )
        expect(answers.filter((res) => res.status === 200 && res.data.code === "not_found")).toHaveLength(20)
        expect(answers.filter((res) => res.status === 429)).toHaveLength(40)
      })
    })

    describe("fuzzing", () => {
      it("random bodies never produce a 500", async () => {
        const { key } = await issueLicense(getContainer(), { max_activations: 0 })
        const random = prng(20261123)
        const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)]
        const strings = [
          key,
          key.toLowerCase(),
          "",
          " ",
          "CP-",
          "' OR '1'='1",
          "'; DROP TABLE license; --",
          "1; SELECT pg_sleep(5)",
          "%00%27",
          "\u0000",
          "\ud800",
          "🔑🔑🔑",
          "ñandú.example",
          "مثال.إختبار",
          "x".repeat(300),
          "x".repeat(5000),
          "$".repeat(1024),
          "__proto__",
          "constructor",
          "https://[::1]:80/",
          "http://user@evil.example:99999/",
          "..",
          "-.example",
        ]
        const values: (() => unknown)[] = [
          () => pick(strings),
          () => Math.floor(random() * 1e9) * (random() < 0.5 ? -1 : 1),
          () => random(),
          () => random() < 0.5,
          () => null,
          () => [pick(strings)],
          () => ({ $gt: "" }),
          () => ({ nested: { deep: [1, { x: pick(strings) }] } }),
          () => Array.from({ length: 50 }, () => pick(strings)).join(""),
        ]
        const fields = ["license_key", "domain", "product_id", "variant_id", "__proto__", "constructor", "extra"]
        const rawBodies: [string | Buffer, string][] = [
          ["{", "application/json"],
          ['{"license_key":}', "application/json"],
          ['{"license_key":"a"', "application/json"],
          ["[]", "application/json"],
          ['"just a string"', "application/json"],
          ["1e999999", "application/json"],
          ['{"__proto__":{"polluted":true},"license_key":"x"}', "application/json"],
          ["license_key[]=a&license_key[]=b", "application/x-www-form-urlencoded"],
          ["license_key[a]=b", "application/x-www-form-urlencoded"],
          ["license_key=%ZZ%&domain=%E0%A4%A", "application/x-www-form-urlencoded"],
          [`license_key=${encodeURIComponent(key)}&domain=${"a".repeat(3000)}`, "application/x-www-form-urlencoded"],
          ["license_key=" + "%F0%9F%94%91".repeat(100), "application/x-www-form-urlencoded"],
          [Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), "application/x-www-form-urlencoded"],
          ["--b\r\nContent-Disposition: form-data; name=\"license_key\"\r\n\r\nx\r\n--b--", "multipart/form-data; boundary=b"],
          ["license_key=x", "text/plain"],
          ['{"license_key":"x"}', ""],
          ["\u0000\u0001\u0002", "application/octet-stream"],
        ]

        const statuses = new Map<number, number>()
        const check = (res: { status: number; data: any }, sent: unknown) => {
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
          if (![200, 400, 429].includes(res.status)) {
            throw new Error(`HTTP ${res.status} for ${JSON.stringify(sent)?.slice(0, 300)}: ${JSON.stringify(res.data)}`)
          }
          expect(typeof res.data.code).toBe("string")
        }

        for (let i = 0; i < 250; i++) {
          const body: Record<string, unknown> = {}
          for (const field of fields) {
            if (random() < 0.6) {
              body[field] = pick(values)()
            }
          }
          const path = random() < 0.8 ? "/licenses/verify" : "/licenses/deactivate"
          if (random() < 0.3) {
            const form = Object.entries(body)
              .map(([k, v]) => `${percentEncode(k)}=${percentEncode(typeof v === "string" ? v : JSON.stringify(v) ?? "")}`)
              .join("&")
            check(await client.post(path, form, { from: freshIp(), contentType: "application/x-www-form-urlencoded", raw: true }), form)
          } else {
            check(await client.post(path, body, { from: freshIp() }), body)
          }
        }
        for (const [body, contentType] of rawBodies) {
          for (const path of ["/licenses/verify", "/licenses/deactivate"]) {
            check(await client.post(path, body, { from: freshIp(), contentType, raw: true }), body.toString())
          }
        }
        expect(Object.prototype.hasOwnProperty.call({}, "polluted")).toBe(false)
        expect(statuses.get(500)).toBeUndefined()
        expect(statuses.get(200)).toBeGreaterThan(20)
        expect(statuses.get(400)).toBeGreaterThan(20)
      })
    })
  },
})
