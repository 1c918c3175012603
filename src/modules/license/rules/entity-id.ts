import { randomFillSync } from "node:crypto"

/** Crockford's base32, as ULIDs spell it. */
const ENCODING = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const RANDOM_CHARS = 16
const pool = Buffer.alloc(RANDOM_CHARS * 256)
let offset = pool.length

/**
 * A row id as Medusa's generateEntityId writes it (`<prefix>_<ULID>`: 10 characters of milliseconds, then 16
 * random ones, 80 bits), for the statements the Verify API runs per call (the slot, refusal, quota and event
 * rows). generateEntityId's ULID draws every random character with its own crypto call (tens of µs per id);
 * this draws 4 KB at a time and takes 5 bits of a byte per character, which keeps the characters uniform.
 */
export function entityId(prefix: string, now: number = Date.now()): string {
  let time = ""
  for (let rest = now, i = 0; i < 10; i++) {
    time = ENCODING[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  if (offset + RANDOM_CHARS > pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  let random = ""
  for (let i = 0; i < RANDOM_CHARS; i++) {
    random += ENCODING[pool[offset + i] & 31]
  }
  offset += RANDOM_CHARS
  return `${prefix}_${time}${random}`
}
