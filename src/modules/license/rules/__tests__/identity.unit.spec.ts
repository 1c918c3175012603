import { fingerprintProblem, machineName, machineNameProblem, shortFingerprint } from "../fingerprint"
import { InvalidDomainError, resolveCaller, resolveIdentity } from "../identity"

const FP = "a1b2c3d4e5f60718"

describe("resolveCaller: identity precedence", () => {
  it("a fingerprint makes the caller the machine, before a domain and the IP", () => {
    expect(resolveCaller({ fingerprint: FP, domain: "https://Shop.com/", name: "  Ana's MacBook " }, "203.0.113.9")).toEqual({
      identity: { kind: "machine", value: FP },
      domain: "shop.com",
      name: "Ana's MacBook",
    })
  })

  it("then the domain", () => {
    expect(resolveCaller({ domain: "Shop.com", name: "ignored without a fingerprint" }, "203.0.113.9")).toEqual({
      identity: { kind: "domain", value: "shop.com" },
      domain: "shop.com",
      name: null,
    })
  })

  it("then the client IP", () => {
    expect(resolveCaller({}, "203.0.113.9")).toEqual({ identity: { kind: "ip", value: "203.0.113.9" }, domain: null, name: null })
    expect(resolveCaller({ fingerprint: "", domain: "  ", name: "" }, "203.0.113.9").identity).toEqual({ kind: "ip", value: "203.0.113.9" })
    expect(resolveCaller({ fingerprint: null, domain: null }, "::1").identity).toEqual({ kind: "ip", value: "::1" })
  })

  it("keeps the fingerprint exactly as sent (case-sensitive)", () => {
    expect(resolveCaller({ fingerprint: "ABCdef-123:xyz" }, "::1").identity.value).toBe("ABCdef-123:xyz")
  })

  it.each([
    [{ fingerprint: "short" }, /8 to 256 characters/],
    [{ fingerprint: "x".repeat(257) }, /8 to 256 characters/],
    [{ fingerprint: "        " }, /white space/],
    [{ fingerprint: " abcdefgh" }, /white space/],
    [{ fingerprint: "abcd\u0001efgh" }, /control characters/],
    [{ fingerprint: FP, name: "x".repeat(101) }, /at most 100/],
    [{ fingerprint: FP, name: "Ana\nMac" }, /control characters/],
    [{ fingerprint: FP, domain: "not a domain!" }, /domain/],
    [{ domain: "https://" }, /domain/],
  ])("refuses %p", (reported, message) => {
    expect(() => resolveCaller(reported, "203.0.113.9")).toThrow(InvalidDomainError)
    expect(() => resolveCaller(reported, "203.0.113.9")).toThrow(message)
  })

  it("resolveIdentity keeps its domain-or-IP answer", () => {
    expect(resolveIdentity("Shop.com", "1.2.3.4")).toEqual({ kind: "domain", value: "shop.com" })
    expect(resolveIdentity(null, "1.2.3.4")).toEqual({ kind: "ip", value: "1.2.3.4" })
  })
})

describe("fingerprint rules", () => {
  it("accepts 8 to 256 characters", () => {
    expect(fingerprintProblem("x".repeat(8))).toBeNull()
    expect(fingerprintProblem("x".repeat(256))).toBeNull()
    expect(fingerprintProblem("x".repeat(7))).not.toBeNull()
    expect(fingerprintProblem("x".repeat(257))).not.toBeNull()
  })

  it("names: bounded, trimmed, empty = none", () => {
    expect(machineNameProblem("Ana's MacBook Pro (2024) — 💻")).toBeNull()
    expect(machineNameProblem("x".repeat(100))).toBeNull()
    expect(machineName("   ")).toBeNull()
    expect(machineName(undefined)).toBeNull()
    expect(machineName(" Büro-PC ")).toBe("Büro-PC")
  })

  it("shortens a long fingerprint for display", () => {
    expect(shortFingerprint("0123456789abcdef0123456789abcdef")).toBe("01234567…cdef")
    expect(shortFingerprint("short-fp")).toBe("short-fp")
  })
})
