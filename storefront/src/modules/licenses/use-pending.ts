import { useCallback, useState } from "react"

/**
 * A pending flag around an async call (a server action). Plain state rather than
 * React 19's async transitions, so the components also run on React 18.
 */
export function usePending(): [boolean, (fn: () => Promise<void>) => Promise<void>] {
  const [pending, setPending] = useState(false)
  const run = useCallback(async (fn: () => Promise<void>) => {
    setPending(true)
    try {
      await fn()
    } finally {
      setPending(false)
    }
  }, [])
  return [pending, run]
}
