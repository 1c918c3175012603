/**
 * A customer identity's Discord user id (docs/migrating-from-keyport.md "Customer identity"):
 * a snowflake of 17 to 20 decimal digits, always handled as a string (it does not fit a
 * JavaScript number). A Medusa customer keeps it in `metadata.discord_id`; a license snapshots
 * it at issuance in `customer_discord_id`.
 */

/** Where a Medusa customer's Discord id lives. */
export const DISCORD_ID_METADATA_KEY = "discord_id"

/** The typed code of a refused Discord id (400). */
export const INVALID_DISCORD_ID = "invalid_discord_id"

const DISCORD_ID = /^\d{17,20}$/

export const DISCORD_ID_MESSAGE = "A Discord ID is a Discord user id: 17 to 20 digits (Discord: Settings -> Advanced -> Developer Mode, then right-click your name -> Copy User ID)"

export const isDiscordId = (value: unknown): value is string => typeof value === "string" && DISCORD_ID.test(value)

/**
 * Reads a Discord id as a client sent it: undefined = not given, null = cleared
 * (null or an empty string), a string = a valid id (surrounding spaces removed).
 * Anything else is `{ invalid: true }`.
 */
export function parseDiscordIdInput(value: unknown): string | null | undefined | { invalid: true } {
  if (value === undefined) {
    return undefined
  }
  if (value === null) {
    return null
  }
  if (typeof value !== "string") {
    return { invalid: true }
  }
  const trimmed = value.trim()
  if (trimmed === "") {
    return null
  }
  return isDiscordId(trimmed) ? trimmed : { invalid: true }
}

/** The Discord id a customer's metadata holds, or null (absent or not a valid id). */
export function discordIdOfCustomer(metadata: Record<string, unknown> | null | undefined): string | null {
  const value = metadata?.[DISCORD_ID_METADATA_KEY]
  return isDiscordId(value) ? value : null
}
