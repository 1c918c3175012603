import { licenseControls, type LicenseControlColumns } from "../license-controls"
import { nextUtcMidnight, quotaApplies, quotaExceeded, utcDay } from "../daily-quota"

describe("daily verify quota rules", () => {
  it("the UTC day and the next UTC midnight, whatever the offset the instant was written with", () => {
    expect(utcDay(new Date("2031-03-14T23:59:59.999Z"))).toBe("2031-03-14")
    expect(utcDay(new Date("2031-03-15T00:00:00.000Z"))).toBe("2031-03-15")
    expect(utcDay(new Date("2031-03-15T01:30:00+02:00"))).toBe("2031-03-14")
    expect(nextUtcMidnight(new Date("2031-03-14T23:59:59.999Z")).toISOString()).toBe("2031-03-15T00:00:00.000Z")
    expect(nextUtcMidnight(new Date("2031-03-15T00:00:00.000Z")).toISOString()).toBe("2031-03-16T00:00:00.000Z")
    // Year and leap-day boundaries.
    expect(nextUtcMidnight(new Date("2031-12-31T12:00:00Z")).toISOString()).toBe("2032-01-01T00:00:00.000Z")
    expect(nextUtcMidnight(new Date("2032-02-28T12:00:00Z")).toISOString()).toBe("2032-02-29T00:00:00.000Z")
  })

  it("an invalid date counts as now instead of throwing on the verify path", () => {
    const before = new Date().toISOString().slice(0, 10)
    const day = utcDay(new Date(Number.NaN))
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(day)
    expect(nextUtcMidnight(new Date(Number.NaN)).getTime()).toBeGreaterThan(Date.now())
  })

  it("applies only with a quota above 0 and never to an archived product", () => {
    expect(quotaApplies({ dailyVerifyQuota: 0, archived: false })).toBe(false)
    expect(quotaApplies({ dailyVerifyQuota: 5, archived: false })).toBe(true)
    expect(quotaApplies({ dailyVerifyQuota: 5, archived: true })).toBe(false)
  })

  it("the answer's quota field names the limit and the next UTC midnight", () => {
    expect(quotaExceeded(100, new Date("2031-03-14T23:59:59Z"))).toEqual({ limit: 100, resets_at: "2031-03-15T00:00:00.000Z" })
  })

  it("the lookup's column becomes the control: no settings row or null = no quota", () => {
    const row = { product_archived_at: null } as unknown as LicenseControlColumns
    expect(licenseControls(row).dailyVerifyQuota).toBe(0)
    expect(licenseControls({ ...row, daily_verify_quota: null }).dailyVerifyQuota).toBe(0)
    expect(licenseControls({ ...row, daily_verify_quota: 40 }).dailyVerifyQuota).toBe(40)
  })
})
