/** Polls `probe` until it returns a value `done` accepts (subscribers run after the request returns). */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await probe()
  while (!done(value)) {
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`)
    }
    await new Promise((r) => setTimeout(r, 100))
    value = await probe()
  }
  return value
}
