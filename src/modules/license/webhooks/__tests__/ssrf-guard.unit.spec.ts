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
