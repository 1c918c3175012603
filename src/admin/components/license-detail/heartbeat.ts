// The license detail's view of a machine's heartbeats (docs/verify-api.md "Heartbeats and floating seats").
// Plain functions, unit-tested; the rule mirrors src/modules/license/rules/heartbeat.ts.

/** What the "Last seen" cell says of a held machine seat on a key with heartbeats; null when the key has none. */
export function machineHeartbeat(
  intervalSeconds: number | null | undefined,
  activation: { kind: string; last_seen_at: string; released_at: string | null },
  now = new Date()
): { label: string; missed: boolean } | null {
  if (!intervalSeconds || activation.kind !== "machine" || activation.released_at) {
    return null
  }
  const age = now.getTime() - new Date(activation.last_seen_at).getTime()
  const missed = age > (2 * intervalSeconds + 60) * 1000
  return { label: missed ? "Heartbeat missed: seat is freed by the next run or the next new machine" : `Heartbeat every ${intervalSeconds} s`, missed }
}
