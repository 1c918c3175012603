import { normaliseDomain } from "../domain"

describe("normaliseDomain", () => {
  it.each([
    ["example.com", "example.com"],
    ["EXAMPLE.com", "example.com"],
    ["  Example.COM  ", "example.com"],
    ["https://example.com", "example.com"],
    ["http://example.com/wp-admin/?a=b#x", "example.com"],
    ["example.com:8080", "example.com"],
    ["https://user:pass@shop.example.com:443/path", "shop.example.com"],
    ["example.com.", "example.com"],
    ["//cdn.example.com/x", "cdn.example.com"],
    ["Bücher.example", "xn--bcher-kva.example"],
    ["https://MÜNCHEN.de/", "xn--mnchen-3ya.de"],
    ["xn--mnchen-3ya.de", "xn--mnchen-3ya.de"],
    ["例子.测试", "xn--fsqu00a.xn--0zwm56d"],
    ["localhost", "localhost"],
    ["192.168.1.10:8080", "192.168.1.10"],
    ["[2001:DB8::1]:8443", "2001:db8::1"],
    ["2001:db8:0:0:0:0:0:1", "2001:db8::1"],
    ["sub-domain.my-site.co.uk", "sub-domain.my-site.co.uk"],
  ])("%s -> %s", (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected)
  })

  it.each([
    [""],
    ["   "],
    ["https://"],
    ["."],
    ["exa mple.com"],
    ["example..com"],
    ["-example.com"],
    ["example-.com"],
    ["*.example.com"],
    ["example.com:port"],
    ["'; DROP TABLE license; --"],
    ["<script>alert(1)</script>"],
    [`${"a".repeat(64)}.com`],
    [`${"abcdefghi.".repeat(26)}com`],
    ["[not-an-ip]"],
    ["\u0000evil.com"],
  ])("refuses %j", (input) => {
    expect(normaliseDomain(input)).toBeNull()
  })

  it("is idempotent", () => {
    for (const input of ["https://Bücher.Example:8080/x", "EXAMPLE.com.", "[::1]"]) {
      const once = normaliseDomain(input)!
      expect(normaliseDomain(once)).toBe(once)
    }
  })
})
