/** A key of a returned line item, as the return revocation reads it (locked). */
export type ReturnCandidate = {
  id: string
  line_item_id: string
  unit_index: number
  status: string
  activations_used: number
  created_at: Date | string
}

export const RETURN_REASON = "return"

/**
 * The keys a return revokes: for each line item, as many of its keys not
 * revoked yet as the returns still owe it. A key with no held activation goes
 * first, else the newest.
 */
export function keysToRevokeForReturns(keys: ReturnCandidate[], owedPerLine: Map<string, number>): ReturnCandidate[] {
  const toRevoke: ReturnCandidate[] = []
  for (const [lineItemId, owed] of owedPerLine) {
    const candidates = keys
      .filter((key) => key.line_item_id === lineItemId && key.status !== "revoked")
      .sort(
        (a, b) =>
          Number(a.activations_used > 0) - Number(b.activations_used > 0) ||
          new Date(b.created_at).getTime() - new Date(a.created_at).getTime() ||
          b.unit_index - a.unit_index
      )
    toRevoke.push(...candidates.slice(0, owed))
  }
  return toRevoke
}

/**
 * The units about to be issued that returns already owe keys to (returned
 * before their keys existed): per line item, the newest units, as many as owed.
 */
export function unitsReturnedBeforeIssuance<T extends { line_item_id?: string | null; unit_index?: number }>(
  units: T[],
  owedPerLine: Map<string, number>
): Set<T> {
  const returned = new Set<T>()
  const owed = new Map(owedPerLine)
  for (const unit of [...units].sort((a, b) => (b.unit_index ?? 0) - (a.unit_index ?? 0))) {
    const owedOfLine = unit.line_item_id ? owed.get(unit.line_item_id) ?? 0 : 0
    if (owedOfLine > 0) {
      owed.set(unit.line_item_id!, owedOfLine - 1)
      returned.add(unit)
    }
  }
  return returned
}

/** How many of these licenses each line item has. */
export function countPerLine(licenses: { line_item_id: string | null }[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { line_item_id } of licenses) {
    if (line_item_id) {
      counts.set(line_item_id, (counts.get(line_item_id) ?? 0) + 1)
    }
  }
  return counts
}
