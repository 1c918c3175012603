import { useCallback, useEffect, useRef, useState } from "react"

export type RequestState<T> =
  | { status: "loading"; data?: T }
  | { status: "error"; error: unknown; data?: T }
  | { status: "success"; data: T }

/** Runs `load` when its dependencies change; `reload` runs it again. Stale answers are dropped. */
export function useRequest<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<RequestState<T>>({ status: "loading" })
  const run = useRef(0)

  const reload = useCallback(async () => {
    const id = ++run.current
    setState((previous) => ({ status: "loading", data: previous.data }))
    try {
      const data = await load()
      if (id === run.current) {
        setState({ status: "success", data })
      }
    } catch (error) {
      if (id === run.current) {
        setState((previous) => ({ status: "error", error, data: previous.data }))
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  useEffect(() => {
    void reload()
    return () => {
      run.current++
    }
  }, [reload])

  return { state, reload }
}
