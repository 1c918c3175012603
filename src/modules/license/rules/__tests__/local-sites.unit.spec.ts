import { normaliseDomain } from "../domain"
import { isLocalSite, isPrivateAddress, matchesLocalPattern, normaliseLocalPattern } from "../local-sites"

/** As the Verify API sees a reported domain: normalised first (rules/domain.ts). */
const local = (reported: string, patterns: string[] = []) => {
  const domain = normaliseDomain(reported)
  if (!domain) {
    throw new Error(`not a domain: ${reported}`)
  }
  return isLocalSite(domain, patterns)
}

describe("isLocalSite: built-in rules", () => {
  it.each([
    ["localhost"],
    ["http://localhost:8080/wp-admin"],
    ["LOCALHOST."],
    ["shop.localhost"],
    ["127.0.0.1"],
    ["127.8.9.10:3000"],
    ["http://[::1]:8443/"],
    ["::1"],
    ["10.0.0.5"],
    ["172.16.0.1"],
    ["172.31.255.254"],
    ["192.168.1.10:8080"],
    ["169.254.10.1"],
    ["[fd12:3456:789a::1]"],
    ["fc00::1"],
    ["fe80::1"],
    ["[::ffff:c0a8:1]"],
    ["mysite.local"],
    ["shop.test"],
    ["https://shop.test:8443/x"],
    ["anything.invalid"],
    ["www.example"],
    ["dev.shop.com"],
    ["staging.shop.com"],
    ["stage.shop.co.uk"],
    ["https://STAGING.Shop.com:8080/"],
    ["staging.bücher.de"],
    ["bücher.test"],
  ])("%s is local", (reported) => {
    expect(local(reported)).toBe(true)
  })

  it.each([
    ["shop.com"],
    ["www.shop.com"],
    ["example.com"],
    ["localhost.shop.com"],
    ["local.shop.com"],
    ["test.shop.com"],
    ["shop.dev"],
    ["dev.com"],
    ["staging.com"],
    ["mydev.shop.com"],
    ["shop-staging.com"],
    ["dev-shop.com"],
    ["8.8.8.8"],
    ["172.32.0.1"],
    ["172.15.255.255"],
    ["192.169.0.1"],
    ["11.0.0.1"],
    ["2001:db8::1"],
    ["[2606:4700::1111]"],
    ["bücher.de"],
  ])("%s is not local", (reported) => {
    expect(local(reported)).toBe(false)
  })
})

describe("isLocalSite: the store's patterns", () => {
  const patterns = ["*.wpengine.com", "*.kinsta.cloud", "preview.shop.com", "*.xn--bcher-kva.de"].map((p) => normaliseLocalPattern(p)!)

  it.each([
    ["mysite.wpengine.com"],
    ["https://MySite.WPEngine.com:443/"],
    ["a.b.wpengine.com"],
    ["env-123.kinsta.cloud"],
    ["preview.shop.com"],
    ["shop.bücher.de"],
  ])("%s matches", (reported) => {
    expect(local(reported, patterns)).toBe(true)
  })

  it.each([["wpengine.com"], ["mysite.wpengine.com.evil.com"], ["evilwpengine.com"], ["kinsta.cloud"], ["www.preview.shop.com"], ["bücher.de"]])(
    "%s does not match",
    (reported) => {
      expect(local(reported, patterns)).toBe(false)
    }
  )

  it("matches a pattern in stored form only", () => {
    expect(matchesLocalPattern("*.wpengine.com", "x.wpengine.com")).toBe(true)
    expect(matchesLocalPattern("*.wpengine.com", "wpengine.com")).toBe(false)
    expect(matchesLocalPattern("staging.io", "staging.io")).toBe(true)
  })
})

describe("normaliseLocalPattern", () => {
  it.each([
    ["*.wpengine.com", "*.wpengine.com"],
    ["  *.WPEngine.COM. ", "*.wpengine.com"],
    ["https://preview.shop.com:8080/path", "preview.shop.com"],
    ["*.bücher.de", "*.xn--bcher-kva.de"],
    ["10.1.2.3", "10.1.2.3"],
  ])("%s -> %s", (input, stored) => {
    expect(normaliseLocalPattern(input)).toBe(stored)
  })

  it.each([[""], ["*"], ["*.com"], ["*."], ["a.*.com"], ["*.*.com"], ["**.shop.com"], ["*.10.0.0.1"], ["shop .com"], ["https://"]])(
    "refuses %p",
    (input) => {
      expect(normaliseLocalPattern(input)).toBeNull()
    }
  )
})

describe("isPrivateAddress", () => {
  it.each([["127.0.0.1", true], ["10.255.255.255", true], ["192.168.0.0", true], ["::1", true], ["fdff::1", true], ["::ffff:10.0.0.1", true], ["1.1.1.1", false], ["2001:db8::1", false], ["not an ip", false]])(
    "%s -> %p",
    (ip, expected) => {
      expect(isPrivateAddress(ip as string)).toBe(expected)
    }
  )
})
