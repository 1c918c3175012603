import { deadAfterSeconds, heartbeatDue, seatIsDead } from "../heartbeat"

describe("heartbeats (rules/heartbeat.ts)", () => {
  const now = new Date("2026-12-07T12:00:00.000Z")
  const machine = { kind: "machine" as const, value: "fingerprint-0001" }

  it("a seat is dead after 2 x interval + 60 s without a verify", () => {
    expect(deadAfterSeconds(60)).toBe(180)
    expect(deadAfterSeconds(3600)).toBe(7260)
    expect(seatIsDead(60, new Date(now.getTime() - 180_000), now)).toBe(false)
    expect(seatIsDead(60, new Date(now.getTime() - 180_001), now)).toBe(true)
    expect(seatIsDead(null, new Date(0), now)).toBe(false)
  })

  it("the answer's heartbeat: for a valid machine on a key with heartbeats only", () => {
    expect(heartbeatDue(300, machine, true, now)).toEqual({
      interval_seconds: 300,
      due_at: "2026-12-07T12:05:00.000Z",
      seat_released_after: "2026-12-07T12:11:00.000Z",
    })
    expect(heartbeatDue(300, machine, false, now)).toBeNull()
    expect(heartbeatDue(null, machine, true, now)).toBeNull()
    expect(heartbeatDue(300, { kind: "domain", value: "shop.example" }, true, now)).toBeNull()
    expect(heartbeatDue(300, { kind: "ip", value: "203.0.113.9" }, true, now)).toBeNull()
  })
})
