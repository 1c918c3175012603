import { MedusaError } from "@medusajs/framework/utils"
import { checkVersionPolicy, MAX_BLOCK_RULES, normaliseControlsInput } from "../controls-input"

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error as MedusaError
  }
  throw new Error("expected a refusal")
}

describe("normaliseControlsInput", () => {
  it("normalises versions, ranges and blocklists, and leaves other fields alone", () => {
    expect(
      normaliseControlsInput({
        version_pinned: " v2.1 ",
        version_range: " ^1.2 ",
        blocked_domains: ["*.Example.COM", "example.com", "example.com"],
        blocked_ips: ["10.0.0.0/8", "::FFFF:1.2.3.4"],
        custom_data: { tier: "pro" },
      })
    ).toEqual({
      version_pinned: "2.1.0",
      version_range: "^1.2",
      blocked_domains: ["*.example.com", "example.com"],
      blocked_ips: ["10.0.0.0/8", "1.2.3.4"],
      custom_data: { tier: "pro" },
    })
    expect(normaliseControlsInput({ version_pinned: null, blocked_ips: null })).toEqual({
      version_pinned: null,
      blocked_ips: null,
    })
  })

  it.each([
    [{ version_pinned: "2.x" }, /version_pinned/],
    [{ version_range: "not a range" }, /version_range/],
    [{ blocked_domains: ["a.*.example"] }, /a\.\*\.example/],
    [{ blocked_ips: ["10.0.0.0/33"] }, /10\.0\.0\.0\/33/],
    [{ blocked_ips: Array.from({ length: MAX_BLOCK_RULES + 1 }, (_, i) => `10.0.${i >> 8}.${i & 255}`) }, /At most/],
    [{ custom_data: ["a"] as unknown as Record<string, unknown> }, /JSON object/],
    [{ custom_data: { big: "x".repeat(17_000) } }, /larger than/],
  ])("refuses %j as invalid data", (input, message) => {
    const error = refusal(() => normaliseControlsInput(input))
    expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error.message).toMatch(message)
  })
})

describe("checkVersionPolicy", () => {
  it("needs the pin for pinned and the range for range", () => {
    expect(() => checkVersionPolicy("pinned", null, "1.x")).toThrow(/version_pinned/)
    expect(() => checkVersionPolicy("range", "1.0.0", null)).toThrow(/version_range/)
    expect(() => checkVersionPolicy("off", null, null)).not.toThrow()
    expect(() => checkVersionPolicy(null, null, null)).not.toThrow()
    expect(() => checkVersionPolicy("pinned", "1.0.0", null)).not.toThrow()
  })
})
