import { machineHeartbeat } from "../heartbeat"

describe("license detail: a machine's last heartbeat", () => {
  const now = new Date("2026-12-07T12:00:00Z")
  const seat = (secondsAgo: number, extra: Partial<{ kind: string; released_at: string | null }> = {}) => ({
    kind: "machine",
    released_at: null,
    last_seen_at: new Date(now.getTime() - secondsAgo * 1000).toISOString(),
    ...extra,
  })

  it("says a live machine's interval, and a missed heartbeat past 2 x interval + 60 s", () => {
    expect(machineHeartbeat(60, seat(180), now)).toEqual({ label: "Heartbeat every 60 s", missed: false })
    expect(machineHeartbeat(60, seat(181), now)?.missed).toBe(true)
  })

  it("says nothing without heartbeats, for domains and for freed seats", () => {
    expect(machineHeartbeat(null, seat(10_000), now)).toBeNull()
    expect(machineHeartbeat(60, seat(10_000, { kind: "domain" }), now)).toBeNull()
    expect(machineHeartbeat(60, seat(10_000, { released_at: now.toISOString() }), now)).toBeNull()
  })
})
