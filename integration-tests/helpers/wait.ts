/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Gives the event bus and its subscribers time to run (600 ms unless told). */
export const settle = (ms = 600) => sleep(ms)

/** Polls `probe` until it returns a value `done` accepts (subscribers run after the request returns). */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await probe()
  while (!done(value)) {
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`)
    }
    await sleep(100)
    value = await probe()
  }
  return value
}
