import { isBlocked, normaliseBlockedDomain, normaliseBlockedIp, type BlockRules } from "../blocklist"

const domain = (value: string) => ({ kind: "domain" as const, value })
const ipIdentity = (value: string) => ({ kind: "ip" as const, value })
const CLIENT = "203.0.113.7"

describe("normaliseBlockedDomain", () => {
  it.each([
    ["example.com", "example.com"],
    ["Example.COM", "example.com"],
    ["  example.com.  ", "example.com"],
    ["*.example.com", "*.example.com"],
    ["*.Example.COM", "*.example.com"],
    ["*.sub.example.com", "*.sub.example.com"],
    ["Bücher.example", "xn--bcher-kva.example"],
    ["*.Bücher.example", "*.xn--bcher-kva.example"],
    ["https://x.com/path", "x.com"],
    ["*.x.com:8080", "*.x.com"],
    ["1.2.3.4", "1.2.3.4"],
  ])("%j -> %s", (input, expected) => {
    expect(normaliseBlockedDomain(input)).toBe(expected)
  })

  it.each([
    [""],
    ["   "],
    ["*"],
    ["*."],
    ["*.*.example.com"],
    ["a.*.com"],
    ["*example.com"],
    ["ex*mple.com"],
    ["example.*"],
    ["**.example.com"],
    ["*.1.2.3.4"],
    ["*.[::1]"],
    ["exa mple.com"],
  ])("refuses %j", (input) => {
    expect(normaliseBlockedDomain(input)).toBeNull()
  })
})

describe("normaliseBlockedIp", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    [" 10.0.0.0/8 ", "10.0.0.0/8"],
    ["10.1.2.3/8", "10.1.2.3/8"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["1.2.3.4/32", "1.2.3.4/32"],
    ["10.0.0.0/08", "10.0.0.0/8"],
    ["2001:DB8::/32", "2001:db8::/32"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["::1", "::1"],
    ["::/0", "::/0"],
    ["2001:db8::1/128", "2001:db8::1/128"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["::FFFF:102:304", "1.2.3.4"],
  ])("%j -> %s", (input, expected) => {
    expect(normaliseBlockedIp(input)).toBe(expected)
  })

  it.each([
    [""],
    ["abc"],
    ["example.com"],
    ["1.2.3"],
    ["256.1.1.1"],
    ["010.0.0.1"],
    ["1.2.3.4/33"],
    ["2001:db8::/129"],
    ["10.0.0.0/"],
    ["10.0.0.0/-1"],
    ["10.0.0.0/8/8"],
    ["10.0.0.0/x"],
    ["10.0.0.0/ 8"],
    ["1.2.3.4:80"],
    ["[::1]"],
    ["fe80::1%eth0"],
    ["::ffff:10.0.0.0/104"],
    ["*"],
  ])("refuses %j", (input) => {
    expect(normaliseBlockedIp(input)).toBeNull()
  })
})

describe("isBlocked", () => {
  describe("domains", () => {
    const rules: BlockRules = { domains: ["example.com", "*.evil.test"], ips: [] }

    it("blocks the exact domain only", () => {
      expect(isBlocked(rules, domain("example.com"), CLIENT)).toBe(true)
      expect(isBlocked(rules, domain("www.example.com"), CLIENT)).toBe(false)
      expect(isBlocked(rules, domain("example.com.au"), CLIENT)).toBe(false)
      expect(isBlocked(rules, domain("notexample.com"), CLIENT)).toBe(false)
    })

    it("blocks every subdomain of a wildcard at any depth, but not the apex", () => {
      expect(isBlocked(rules, domain("a.evil.test"), CLIENT)).toBe(true)
      expect(isBlocked(rules, domain("a.b.evil.test"), CLIENT)).toBe(true)
      expect(isBlocked(rules, domain("x.y.z.evil.test"), CLIENT)).toBe(true)
      expect(isBlocked(rules, domain("evil.test"), CLIENT)).toBe(false)
      expect(isBlocked(rules, domain("notevil.test"), CLIENT)).toBe(false)
      expect(isBlocked(rules, domain("evil.test.example.org"), CLIENT)).toBe(false)
    })

    it("blocks apex and subdomains when both rules are present", () => {
      const both: BlockRules = { domains: ["evil.test", "*.evil.test"], ips: [] }
      expect(isBlocked(both, domain("evil.test"), CLIENT)).toBe(true)
      expect(isBlocked(both, domain("www.evil.test"), CLIENT)).toBe(true)
    })

    it("normalises rules stored in another case or in Unicode", () => {
      const raw: BlockRules = { domains: ["EXAMPLE.com", "*.Bücher.example", "münchen.de"], ips: [] }
      expect(isBlocked(raw, domain("example.com"), CLIENT)).toBe(true)
      expect(isBlocked(raw, domain("shop.xn--bcher-kva.example"), CLIENT)).toBe(true)
      expect(isBlocked(raw, domain("xn--mnchen-3ya.de"), CLIENT)).toBe(true)
    })

    it("ignores invalid rules instead of matching everything", () => {
      const junk: BlockRules = { domains: ["*", "", "a.*.com", "*example.com"], ips: [] }
      expect(isBlocked(junk, domain("example.com"), CLIENT)).toBe(false)
      expect(isBlocked(junk, domain("a.b.com"), CLIENT)).toBe(false)
    })

    it("does not apply domain rules to an IP identity", () => {
      const ipLike: BlockRules = { domains: [CLIENT], ips: [] }
      expect(isBlocked(ipLike, ipIdentity(CLIENT), CLIENT)).toBe(false)
      expect(isBlocked(ipLike, domain(CLIENT), CLIENT)).toBe(true)
    })
  })

  describe("addresses", () => {
    it("checks the client ip whatever the identity kind", () => {
      const rules: BlockRules = { domains: [], ips: ["203.0.113.0/24"] }
      expect(isBlocked(rules, domain("example.com"), "203.0.113.7")).toBe(true)
      expect(isBlocked(rules, ipIdentity("203.0.113.7"), "203.0.113.7")).toBe(true)
      expect(isBlocked(rules, domain("example.com"), "198.51.100.7")).toBe(false)
    })

    it("blocks a single address (bare or /32) and nothing next to it", () => {
      for (const rule of ["192.0.2.10", "192.0.2.10/32"]) {
        const rules: BlockRules = { domains: [], ips: [rule] }
        expect(isBlocked(rules, ipIdentity("192.0.2.10"), "192.0.2.10")).toBe(true)
        expect(isBlocked(rules, ipIdentity("192.0.2.9"), "192.0.2.9")).toBe(false)
        expect(isBlocked(rules, ipIdentity("192.0.2.11"), "192.0.2.11")).toBe(false)
      }
    })

    it("covers an IPv4 CIDR from its first to its last address, and no further", () => {
      const rules: BlockRules = { domains: [], ips: ["10.20.0.0/16"] }
      const blocked = (ip: string) => isBlocked(rules, ipIdentity(ip), ip)
      expect(blocked("10.20.0.0")).toBe(true)
      expect(blocked("10.20.255.255")).toBe(true)
      expect(blocked("10.19.255.255")).toBe(false)
      expect(blocked("10.21.0.0")).toBe(false)
    })

    it("treats host bits after the prefix as the whole network", () => {
      const rules: BlockRules = { domains: [], ips: ["10.1.2.3/8"] }
      expect(isBlocked(rules, ipIdentity("10.200.0.1"), "10.200.0.1")).toBe(true)
      expect(isBlocked(rules, ipIdentity("11.0.0.0"), "11.0.0.0")).toBe(false)
    })

    it("/0 blocks every IPv4 address but no IPv6 one", () => {
      const rules: BlockRules = { domains: [], ips: ["0.0.0.0/0"] }
      expect(isBlocked(rules, ipIdentity("0.0.0.0"), "0.0.0.0")).toBe(true)
      expect(isBlocked(rules, ipIdentity("255.255.255.255"), "255.255.255.255")).toBe(true)
      expect(isBlocked(rules, ipIdentity("2001:db8::1"), "2001:db8::1")).toBe(false)
    })

    it("covers an IPv6 CIDR and single IPv6 addresses", () => {
      const rules: BlockRules = { domains: [], ips: ["2001:DB8::/32", "2001:db8:ffff::1"] }
      const blocked = (ip: string) => isBlocked(rules, ipIdentity(ip), ip)
      expect(blocked("2001:db8::")).toBe(true)
      expect(blocked("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(true)
      expect(blocked("2001:db9::")).toBe(false)
      expect(blocked("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(false)
      const single: BlockRules = { domains: [], ips: ["2001:db9::1"] }
      expect(isBlocked(single, ipIdentity("2001:db9::1"), "2001:db9::1")).toBe(true)
      expect(isBlocked(single, ipIdentity("2001:db9::2"), "2001:db9::2")).toBe(false)
    })

    it("matches IPv4-mapped IPv6 client addresses against IPv4 rules", () => {
      const rules: BlockRules = { domains: [], ips: ["10.0.0.0/8", "1.2.3.4"] }
      expect(isBlocked(rules, domain("example.com"), "::ffff:10.9.8.7")).toBe(true)
      expect(isBlocked(rules, domain("example.com"), "::ffff:1.2.3.4")).toBe(true)
      expect(isBlocked(rules, domain("example.com"), "::ffff:102:304")).toBe(true)
      expect(isBlocked(rules, domain("example.com"), "::ffff:11.0.0.1")).toBe(false)
    })

    it("matches a client IPv4 address against a rule written as mapped IPv6", () => {
      const rules: BlockRules = { domains: [], ips: ["::ffff:1.2.3.4"] }
      expect(isBlocked(rules, ipIdentity("1.2.3.4"), "1.2.3.4")).toBe(true)
    })

    it("is not blocked by an unparseable client ip or by invalid rules", () => {
      const rules: BlockRules = { domains: [], ips: ["10.0.0.0/8"] }
      expect(isBlocked(rules, domain("example.com"), "unknown")).toBe(false)
      expect(isBlocked(rules, domain("example.com"), "")).toBe(false)
      const junk: BlockRules = { domains: [], ips: ["nonsense", "10.0.0.0/99", ""] }
      expect(isBlocked(junk, ipIdentity("10.0.0.1"), "10.0.0.1")).toBe(false)
    })
  })

  it("is false for empty rules, whatever the identity", () => {
    const empty: BlockRules = { domains: [], ips: [] }
    expect(isBlocked(empty, domain("example.com"), CLIENT)).toBe(false)
    expect(isBlocked(empty, ipIdentity(CLIENT), CLIENT)).toBe(false)
  })

  it("combines domain and address rules", () => {
    const rules: BlockRules = { domains: ["example.com"], ips: ["198.51.100.0/24"] }
    expect(isBlocked(rules, domain("example.com"), CLIENT)).toBe(true)
    expect(isBlocked(rules, domain("other.com"), "198.51.100.1")).toBe(true)
    expect(isBlocked(rules, domain("other.com"), CLIENT)).toBe(false)
  })

  it("keeps answering correctly for many distinct rule lists (compiled cache evicts)", () => {
    for (let i = 0; i < 1500; i++) {
      const third = i % 256
      const rules: BlockRules = { domains: [`site${i}.example`], ips: [`10.${Math.floor(i / 256)}.${third}.0/24`] }
      const ip = `10.${Math.floor(i / 256)}.${third}.9`
      expect(isBlocked(rules, domain(`site${i}.example`), "192.0.2.1")).toBe(true)
      expect(isBlocked(rules, domain("other.example"), ip)).toBe(true)
      expect(isBlocked(rules, domain("other.example"), "192.0.2.1")).toBe(false)
    }
    const first: BlockRules = { domains: ["site0.example"], ips: ["10.0.0.0/24"] }
    expect(isBlocked(first, domain("site0.example"), "192.0.2.1")).toBe(true)
    expect(isBlocked(first, domain("x.example"), "10.0.0.200")).toBe(true)
  })

  it("takes a fresh look when the same product's list changes", () => {
    expect(isBlocked({ domains: ["a.test"], ips: [] }, domain("b.test"), CLIENT)).toBe(false)
    expect(isBlocked({ domains: ["a.test", "b.test"], ips: [] }, domain("b.test"), CLIENT)).toBe(true)
  })
})
