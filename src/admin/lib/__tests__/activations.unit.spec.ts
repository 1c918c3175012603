import { ACTIVATION_KIND_LABEL, activationTitle, shortFingerprint } from "../activations"

describe("admin: how an activation is named", () => {
  it("a machine by its name, else by its short fingerprint; a domain or IP by itself", () => {
    const fingerprint = "0123456789abcdef0123456789abcdef"
    expect(activationTitle({ kind: "machine", identifier: fingerprint, name: "Ana's MacBook" })).toBe("Ana's MacBook")
    expect(activationTitle({ kind: "machine", identifier: fingerprint, name: null })).toBe("Machine 01234567…cdef")
    expect(activationTitle({ kind: "domain", identifier: "shop.com", name: null })).toBe("shop.com")
    expect(activationTitle({ kind: "ip", identifier: "203.0.113.9", name: null })).toBe("203.0.113.9")
    expect(shortFingerprint("abcd1234")).toBe("abcd1234")
    expect(ACTIVATION_KIND_LABEL).toEqual({ domain: "Domain", ip: "IP", machine: "Machine" })
  })
})
