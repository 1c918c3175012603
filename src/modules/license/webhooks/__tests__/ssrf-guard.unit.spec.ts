import { assertSafeWebhookUrl, isPublicAddress, type Resolver, WebhookUrlError } from "../ssrf-guard"

const resolver = (answers: Record<string, string[]>): Resolver => async (host) => {
  const addresses = answers[host]
  if (!addresses) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" })
  }
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }))
}

describe("webhook SSRF guard", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "fc00::abcd",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "2002:c0a8:0101::1",
    "[::1]",
    "fe80::1%eth0",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "accepts %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true)
    }
  )

  // One case per range that is not global unicast. The five ranges
  // passed as public with the hand-written list this guard used to keep.
  it.each([
    // IPv4
    ["0.0.0.0/8 this network", "0.1.2.3"],
    ["10.0.0.0/8 private", "10.255.0.1"],
    ["100.64.0.0/10 CGNAT", "100.127.255.254"],
    ["127.0.0.0/8 loopback", "127.0.0.2"],
    ["169.254.0.0/16 link-local", "169.254.0.1"],
    ["172.16.0.0/12 private", "172.20.1.1"],
    ["192.0.0.0/24 IETF protocol assignments", "192.0.0.8"],
    ["192.0.2.0/24 documentation", "192.0.2.10"],
    ["192.88.99.0/24 6to4 relay", "192.88.99.1"],
    ["192.168.0.0/16 private", "192.168.0.1"],
    ["198.18.0.0/15 benchmarking", "198.19.0.1"],
    ["198.51.100.0/24 documentation", "198.51.100.7"],
    ["203.0.113.0/24 documentation", "203.0.113.9"],
    ["224.0.0.0/4 multicast", "239.255.255.250"],
    ["240.0.0.0/4 reserved", "250.1.2.3"],
    ["255.255.255.255 broadcast", "255.255.255.255"],
    // IPv6: the ranges of the issue
    ["64:ff9b:1::/48 local-use NAT64", "64:ff9b:1::808:808"],
    ["::/96 IPv4-compatible (public IPv4 inside)", "::808:808"],
    ["::/96 IPv4-compatible, dotted", "::8.8.8.8"],
    ["::/96 IPv4-compatible (private IPv4 inside)", "::a00:1"],
    ["::ffff:0:0:0/96 IPv4-translated", "::ffff:0:808:808"],
    ["::ffff:0:0:0/96 IPv4-translated, private", "::ffff:0:a00:1"],
    ["2001::/32 Teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
    ["2001:10::/28 ORCHID", "2001:10::1"],
    // IPv6: the classic ones
    ["::1 loopback", "::1"],
    [":: unspecified", "::"],
    ["fe80::/10 link-local", "fe80::1234"],
    ["fc00::/7 unique local", "fd12:3456:789a::1"],
    ["fec0::/10 site-local", "fec0::1"],
    ["ff00::/8 multicast", "ff05::2"],
    ["100::/64 discard", "100::1"],
    ["2001:db8::/32 documentation", "2001:db8::1"],
    ["3fff::/20 documentation", "3fff::1"],
    ["2001:2::/48 benchmarking", "2001:2::1"],
    ["2001:20::/28 ORCHIDv2", "2001:20::1"],
    ["5f00::/16 segment routing", "5f00::1"],
    ["2002::/16 6to4 with a private IPv4", "2002:c0a8:101::1"],
    ["2002::/16 6to4 with loopback", "2002:7f00:1::1"],
    ["64:ff9b::/96 NAT64 of a private IPv4", "64:ff9b::10.0.0.1"],
    ["::ffff:0:0/96 IPv4-mapped private", "::ffff:192.168.0.1"],
    ["unassigned, outside 2000::/3", "4000::1"],
  ])("refuses %s (%s)", (_range, address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each([
    ["1.1.1.1", "IPv4 unicast"],
    ["2001:4860:4860::8888", "IPv6 global unicast (Google DNS)"],
    ["2a00:1450:4001:80b::200e", "IPv6 global unicast"],
    ["::ffff:1.1.1.1", "IPv4-mapped public IPv4"],
    ["64:ff9b::1.1.1.1", "NAT64 of a public IPv4"],
    ["2002:808:808::1", "6to4 of a public IPv4"],
  ])("accepts %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(true)
  })

  it("refuses anything that is not an IP address", () => {
    expect(isPublicAddress("localhost")).toBe(false)
    expect(isPublicAddress("")).toBe(false)
  })

  it("accepts only http(s) URLs with a host", async () => {
    const dns = resolver({ "hooks.example.com": ["93.184.216.34"] })
    await expect(assertSafeWebhookUrl("https://hooks.example.com/in", false, dns)).resolves.toBeInstanceOf(URL)
    for (const url of ["ftp://hooks.example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)", "not a url"]) {
      await expect(assertSafeWebhookUrl(url, false, dns)).rejects.toBeInstanceOf(WebhookUrlError)
    }
  })

  it("checks every address a host name resolves to, and literal IPs in any notation", async () => {
    const dns = resolver({
      "public.example.com": ["93.184.216.34", "2606:4700:4700::1111"],
      "mixed.example.com": ["93.184.216.34", "10.0.0.5"],
      "localhost": ["127.0.0.1", "::1"],
    })
    await expect(assertSafeWebhookUrl("https://public.example.com/", false, dns)).resolves.toBeInstanceOf(URL)
    await expect(assertSafeWebhookUrl("https://mixed.example.com/", false, dns)).rejects.toThrow(/10\.0\.0\.5/)
    await expect(assertSafeWebhookUrl("http://localhost:9000/", false, dns)).rejects.toThrow(/private/)
    for (const url of [
      "http://127.0.0.1/",
      "http://2130706433/", // 127.0.0.1 as one number
      "http://0x7f.1/", // hex
      "http://017700000001/", // octal
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://169.254.169.254/latest/meta-data/",
    ]) {
      await expect(assertSafeWebhookUrl(url, false, dns)).rejects.toBeInstanceOf(WebhookUrlError)
    }
    await expect(assertSafeWebhookUrl("https://nowhere.invalid/", false, dns)).rejects.toThrow(/does not resolve/)
  })

  it("lets private addresses through when the store allows private networks", async () => {
    const dns = resolver({ localhost: ["127.0.0.1"] })
    await expect(assertSafeWebhookUrl("http://localhost:9000/", true, dns)).resolves.toBeInstanceOf(URL)
    await expect(assertSafeWebhookUrl("http://10.0.0.1/", true, dns)).resolves.toBeInstanceOf(URL)
    await expect(assertSafeWebhookUrl("ftp://10.0.0.1/", true, dns)).rejects.toBeInstanceOf(WebhookUrlError)
  })
})
