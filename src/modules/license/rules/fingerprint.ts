/**
 * Machine fingerprints (docs/verify-api.md "Who the caller is"): an opaque
 * string the installed app derives from the machine, and an optional name a
 * person recognises. Pure checks; the routes' zod schemas use them.
 */

export const FINGERPRINT_MIN_LENGTH = 8
export const FINGERPRINT_MAX_LENGTH = 256
export const MACHINE_NAME_MAX_LENGTH = 100

// Control characters (C0, DEL, C1) are never part of a fingerprint or a name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** Why a fingerprint is refused, or null when it is usable as given (compared exactly, case-sensitive). */
export function fingerprintProblem(value: string): string | null {
  if (value.length < FINGERPRINT_MIN_LENGTH || value.length > FINGERPRINT_MAX_LENGTH) {
    return `fingerprint must be ${FINGERPRINT_MIN_LENGTH} to ${FINGERPRINT_MAX_LENGTH} characters`
  }
  if (value.trim() !== value) {
    return "fingerprint must not start or end with white space"
  }
  if (CONTROL.test(value)) {
    return "fingerprint must not contain control characters"
  }
  return null
}

/** Why a machine name is refused, or null. */
export function machineNameProblem(value: string): string | null {
  if (value.length > MACHINE_NAME_MAX_LENGTH) {
    return `name is too long (at most ${MACHINE_NAME_MAX_LENGTH} characters)`
  }
  if (CONTROL.test(value)) {
    return "name must not contain control characters"
  }
  return null
}

/** A name as stored: trimmed, null when empty. */
export function machineName(value: string | null | undefined): string | null {
  const name = value?.trim()
  return name ? name : null
}

/** A fingerprint as shown in the admin and the customer's account: its first 8 and last 4 characters. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length <= 16 ? fingerprint : `${fingerprint.slice(0, 8)}…${fingerprint.slice(-4)}`
}
