import { useEffect, useState } from "react"

/**
 * A form's draft of saved values: reset whenever the saved values change (after
 * a save, or a refetch), and dirty while it differs from them. Comparing by
 * content means saving another card of the same settings leaves this one's
 * unsaved edits alone.
 */
export function useDraft<T extends object>(saved: T) {
  const savedKey = JSON.stringify(saved)
  const [draft, setDraft] = useState<T>(saved)
  useEffect(() => {
    setDraft(saved)
  }, [savedKey]) // eslint-disable-line react-hooks/exhaustive-deps -- content, not identity
  const patch = (change: Partial<T>) => setDraft((current) => ({ ...current, ...change }))
  return { draft, patch, dirty: JSON.stringify(draft) !== savedKey, reset: () => setDraft(saved) }
}
