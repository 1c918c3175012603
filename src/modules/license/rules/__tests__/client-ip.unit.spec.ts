import { clientIp, normaliseIp, rateLimitBucket } from "../client-ip"

describe("normaliseIp", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::ffff:127.0.0.2", "127.0.0.2"],
    ["::FFFF:10.0.0.1", "10.0.0.1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["203.0.113.9:51234", "203.0.113.9"],
    [" 198.51.100.7 ", "198.51.100.7"],
  ])("%s -> %s", (input, expected) => {
    expect(normaliseIp(input)).toBe(expected)
  })

  it.each([["unknown"], [""], ["1.2.3"], ["example.com"], [undefined], [null]])("refuses %j", (input) => {
    expect(normaliseIp(input as string)).toBeNull()
  })
})

describe("clientIp", () => {
  it("with 0 trusted hops is the socket address, whatever X-Forwarded-For says", () => {
    expect(clientIp("::ffff:127.0.0.1", "6.6.6.6", 0)).toBe("127.0.0.1")
    expect(clientIp("10.0.0.2", ["6.6.6.6", "7.7.7.7"], 0)).toBe("10.0.0.2")
  })

  it("with 1 trusted hop is the entry the proxy appended, never one the client wrote", () => {
    // client forged "6.6.6.6"; the proxy appended the address it saw
    expect(clientIp("10.0.0.2", "6.6.6.6, 203.0.113.5", 1)).toBe("203.0.113.5")
    expect(clientIp("10.0.0.2", "203.0.113.5", 1)).toBe("203.0.113.5")
  })

  it("with 2 trusted hops takes the second entry from the right", () => {
    expect(clientIp("10.0.0.3", "6.6.6.6, 203.0.113.5, 10.0.0.2", 2)).toBe("203.0.113.5")
    expect(clientIp("10.0.0.3", ["6.6.6.6", "203.0.113.5, 10.0.0.2"], 2)).toBe("203.0.113.5")
  })

  it("falls back to the nearest valid hop when the header is short or broken", () => {
    expect(clientIp("10.0.0.2", undefined, 1)).toBe("10.0.0.2")
    expect(clientIp("10.0.0.3", "203.0.113.5", 3)).toBe("203.0.113.5")
    expect(clientIp("10.0.0.3", "garbage, 10.0.0.2", 2)).toBe("10.0.0.2")
  })

  it("is null without a socket address", () => {
    expect(clientIp(undefined, "1.2.3.4", 1)).toBeNull()
  })
})

describe("rateLimitBucket", () => {
  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(rateLimitBucket("203.0.113.5")).toBe("203.0.113.5")
    expect(rateLimitBucket("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64")
    expect(rateLimitBucket("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64")
    expect(rateLimitBucket("2001:db8::1")).toBe("2001:db8:0:0::/64")
    expect(rateLimitBucket("::1")).toBe("0:0:0:0::/64")
  })
})
