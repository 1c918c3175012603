/**
 * The delay before the next attempt after `attempts` failed ones: exponential
 * (base, 2x base, 4x base...) up to `maxMs`, with "equal jitter" (between half
 * and all of it), so receivers that come back are not hit by every store at the
 * same second.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)))
  return Math.round(exponential / 2 + random() * (exponential / 2))
}
