import {
  effectiveVersionPolicy,
  normaliseVersion,
  normaliseVersionRange,
  versionAllowed,
  type VersionPolicy,
} from "../version-gate"

const pinned = (pin: string): VersionPolicy => ({ mode: "pinned", pinned: pin, range: null })
const range = (r: string): VersionPolicy => ({ mode: "range", pinned: null, range: r })

describe("normaliseVersion", () => {
  it.each([
    ["1.2.3", "1.2.3"],
    ["v1.2.3", "1.2.3"],
    ["V1.2.3", "1.2.3"],
    ["  1.2.3  ", "1.2.3"],
    ["1.2", "1.2.0"],
    ["1", "1.0.0"],
    ["v2", "2.0.0"],
    ["0.0.0", "0.0.0"],
    ["1.2.3-beta.1", "1.2.3-beta.1"],
    ["1.2-beta", "1.2.0-beta"],
    ["1-rc.1", "1.0.0-rc.1"],
    ["1.2.3+build.5", "1.2.3"],
    ["1.2.3-beta+exp.sha.5114f85", "1.2.3-beta"],
    ["1.2+build", "1.2.0"],
    ["10.20.30", "10.20.30"],
  ])("%j -> %s", (input, expected) => {
    expect(normaliseVersion(input)).toBe(expected)
  })

  it.each([
    [""],
    ["   "],
    ["abc"],
    ["v"],
    ["1.2.3.4"],
    ["1..2"],
    ["1.2."],
    [".1.2"],
    ["01.2.3"],
    ["1.2.3-"],
    ["1.2.3-beta..1"],
    ["1.2.3-01"],
    ["1.2.3 beta"],
    ["vv1.2.3"],
    ["=1.2.3"],
    ["^1.2.3"],
    ["1.x"],
    ["99999999999999999999.0.0"],
    [`1.2.3-${"a".repeat(60)}`],
  ])("refuses %j", (input) => {
    expect(normaliseVersion(input)).toBeNull()
  })

  it("accepts exactly 64 characters and refuses 65", () => {
    const at64 = `1.2.3-${"a".repeat(58)}`
    expect(at64).toHaveLength(64)
    expect(normaliseVersion(at64)).toBe(at64)
    expect(normaliseVersion(`${at64}a`)).toBeNull()
  })

  it("is idempotent", () => {
    for (const input of ["v1.2-beta+x", "1", " 3.4.5 "]) {
      const once = normaliseVersion(input)!
      expect(normaliseVersion(once)).toBe(once)
    }
  })
})

describe("normaliseVersionRange", () => {
  it.each([
    ["^1.2", "^1.2"],
    ["  ~1.4  ", "~1.4"],
    ["1.x", "1.x"],
    [">=1.0.0 <2.0.0", ">=1.0.0 <2.0.0"],
    ["1.2.3 - 2.3.4", "1.2.3 - 2.3.4"],
    ["^1.0.0 || ^2.0.0", "^1.0.0 || ^2.0.0"],
    ["*", "*"],
    ["1.2.3", "1.2.3"],
  ])("%j -> %j", (input, expected) => {
    expect(normaliseVersionRange(input)).toBe(expected)
  })

  it.each([[""], ["   "], ["abc"], [">=banana"], ["^1.2.3.4"], ["1.2.3 -"]])("refuses %j", (input) => {
    expect(normaliseVersionRange(input)).toBeNull()
  })

  it("refuses more than 200 characters", () => {
    const long = Array.from({ length: 30 }, (_, i) => `${i}.x`).join(" || ")
    expect(long.length).toBeGreaterThan(200)
    expect(normaliseVersionRange(long)).toBeNull()
  })
})

describe("versionAllowed", () => {
  describe("off", () => {
    const off: VersionPolicy = { mode: "off", pinned: "1.0.0", range: "^1" }

    it.each([["1.0.0"], ["9.9.9"], ["garbage"], [""], [null], [undefined]])("allows %j", (version) => {
      expect(versionAllowed(off, version)).toBe(true)
    })
  })

  describe("pinned to 1.2", () => {
    it.each([
      ["1.2", true],
      ["1.2.0", true],
      ["v1.2.0", true],
      ["1.2.0+build.7", true],
      [" 1.2.0 ", true],
      ["1.2.1", false],
      ["1.2.0-beta", false],
      ["1.1.9", false],
      ["2.0.0", false],
    ])("%j -> %s", (version, allowed) => {
      expect(versionAllowed(pinned("1.2"), version)).toBe(allowed)
    })

    it("matches a pinned pre-release exactly", () => {
      expect(versionAllowed(pinned("2.0.0-rc.1"), "v2.0-rc.1")).toBe(true)
      expect(versionAllowed(pinned("2.0.0-rc.1"), "2.0.0-rc.2")).toBe(false)
      expect(versionAllowed(pinned("2.0.0-rc.1"), "2.0.0")).toBe(false)
    })

    it.each([[null], [undefined], [""], ["abc"], ["1.2.0.0"]])("refuses a missing or unparseable version %j", (version) => {
      expect(versionAllowed(pinned("1.2"), version)).toBe(false)
    })

    it("refuses everything when the pin itself is missing or invalid", () => {
      expect(versionAllowed({ mode: "pinned", pinned: null, range: null }, "1.2.0")).toBe(false)
      expect(versionAllowed(pinned("latest"), "1.2.0")).toBe(false)
    })
  })

  describe("range", () => {
    it.each([
      ["^1.2", "1.2.0", true],
      ["^1.2", "1.9.9", true],
      ["^1.2", "1.1.9", false],
      ["^1.2", "2.0.0", false],
      ["^1.2", "2.0.0-alpha", false],
      ["^1.2", "1.2.0-beta", true],
      ["^1.2", "1.5.0-beta.2", true],
      ["1.x", "1.0.0", true],
      ["1.x", "1.5.0-beta", true],
      ["1.x", "2.0.0-rc.1", false],
      ["1.x", "0.9.9", false],
      [">=1.0.0 <2.0.0", "1.0.0", true],
      [">=1.0.0 <2.0.0", "1.99.99", true],
      [">=1.0.0 <2.0.0", "2.0.0", false],
      [">=1.0.0 <2.0.0", "1.0.0-beta", false],
      [">=1.0.0 <2.0.0", "2.0.0-rc.1", true],
      [">=2.0.0", "2.0.0-rc.1", false],
      [">=2.0.0", "2.0.0", true],
      [">=2.0.0", "2.0.1-beta", true],
      ["~1.4", "1.4.0", true],
      ["~1.4", "1.4.99", true],
      ["~1.4", "1.5.0", false],
      ["~1.4", "1.5.0-0", false],
      ["~1.4", "1.3.9", false],
      ["~1.4", "1.4.0-beta", true],
      ["^1.0.0 || ^3.0.0", "2.5.0", false],
      ["^1.0.0 || ^3.0.0", "3.1.0", true],
    ])("%j with %j -> %s", (r, version, allowed) => {
      expect(versionAllowed(range(r), version)).toBe(allowed)
    })

    it("normalises the reported version first (missing patch or minor, v prefix, build)", () => {
      expect(versionAllowed(range("^1.2"), "1.3")).toBe(true)
      expect(versionAllowed(range("~1.4"), "v1.4")).toBe(true)
      expect(versionAllowed(range(">=1.0.0 <2.0.0"), "1")).toBe(true)
      expect(versionAllowed(range(">=1.0.0 <2.0.0"), "2")).toBe(false)
      expect(versionAllowed(range("^1.2"), "1.2.0+build")).toBe(true)
    })

    it.each([[null], [undefined], [""], ["abc"], ["1.2.3.4"], ["latest"]])("refuses a missing or unparseable version %j", (version) => {
      expect(versionAllowed(range("*"), version)).toBe(false)
    })

    it("refuses everything when the range itself is missing or invalid", () => {
      expect(versionAllowed({ mode: "range", pinned: null, range: null }, "1.0.0")).toBe(false)
      expect(versionAllowed(range("banana"), "1.0.0")).toBe(false)
    })
  })
})

describe("effectiveVersionPolicy", () => {
  const productRange: VersionPolicy = { mode: "range", pinned: null, range: "^1.0.0" }

  it("is off when neither the product nor the license sets anything", () => {
    expect(effectiveVersionPolicy(null, null)).toEqual({ mode: "off", pinned: null, range: null })
    expect(effectiveVersionPolicy(null, { mode: null, pinned: "1.0.0", range: null })).toEqual({
      mode: "off",
      pinned: null,
      range: null,
    })
  })

  it("follows the product when the license has no override (null mode)", () => {
    expect(effectiveVersionPolicy(productRange, null)).toEqual(productRange)
    expect(effectiveVersionPolicy(productRange, { mode: null, pinned: "9.9.9", range: "^9" })).toEqual(productRange)
  })

  it("lets a license switch the product's range off", () => {
    const policy = effectiveVersionPolicy(productRange, { mode: "off", pinned: null, range: null })
    expect(policy.mode).toBe("off")
    expect(versionAllowed(policy, "5.0.0")).toBe(true)
  })

  it("uses the license's own pin or range, not the product's", () => {
    expect(effectiveVersionPolicy(productRange, { mode: "pinned", pinned: "0.9.0", range: null })).toEqual({
      mode: "pinned",
      pinned: "0.9.0",
      range: null,
    })
    const licenseRange = effectiveVersionPolicy(productRange, { mode: "range", pinned: null, range: "^2" })
    expect(versionAllowed(licenseRange, "2.1.0")).toBe(true)
    expect(versionAllowed(licenseRange, "1.5.0")).toBe(false)
  })

  it("applies a license override even when the product has no policy", () => {
    expect(effectiveVersionPolicy(null, { mode: "pinned", pinned: "1.0.0", range: null }).mode).toBe("pinned")
  })
})
