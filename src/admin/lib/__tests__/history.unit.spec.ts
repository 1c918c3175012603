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
