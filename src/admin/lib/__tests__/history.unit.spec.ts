import { eventLabel } from "../format"
import { eventDetails } from "../history"
import { LicenseEventType } from "../../../modules/license/types"

describe("license history labels", () => {
  it("names every event type the server records, transferred included", () => {
    for (const type of Object.values(LicenseEventType)) {
      expect(eventLabel[type]).toEqual(expect.any(String))
      expect(eventLabel[type]).not.toBe(type)
    }
    expect(eventLabel.transferred).toBe("Transferred")
  })

  it("says who a key went from and to", () => {
    const details = eventDetails({
      id: "levt_1",
      type: "transferred",
      actor_type: "admin",
      actor_id: "user_1",
      data: { from_email: "old@example.com", to_email: "new@example.com", note: "Agency handover", released: 2 },
      created_at: "2026-12-01T10:00:00.000Z",
    })
    expect(details).toBe("old@example.com → new@example.com · Note: Agency handover · 2 slot(s) freed")
  })
})

describe("history: machines", () => {
  it("names a machine by its name and short fingerprint", () => {
    const event = {
      id: "levt_1",
      type: "activated",
      actor_type: "installed_product",
      actor_id: null,
      data: { kind: "machine", identifier: "0123456789abcdef0123456789abcdef", name: "Ana's MacBook", ip: "203.0.113.9" },
      created_at: "2026-12-07T05:00:00.000Z",
    } as const
    expect(eventDetails(event as never)).toContain("Machine Ana's MacBook (01234567…cdef)")
    expect(eventDetails({ ...event, data: { ...event.data, name: null } } as never)).toContain("Machine 01234567…cdef")
  })
})
