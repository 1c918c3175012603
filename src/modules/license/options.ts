export type LicenseModuleOptions = {
  /** Letters before the first dash of every key. Default `CP`. */
  keyPrefix?: string
  /** Secret for the key HMAC and encryption (32+ chars). Default: LICENSE_KEY_SECRET. */
  secret?: string
  /** Notification template used to send a customer their new keys. */
  issuedNotificationTemplate?: string
  /** Notification channel for it. Default `email`. */
  issuedNotificationChannel?: string
}

export type ResolvedLicenseOptions = {
  keyPrefix: string
  secret: string
  issuedNotificationTemplate: string
  issuedNotificationChannel: string
}

const MIN_SECRET_LENGTH = 32

/** Validates the options at boot: a store must never run with a guessable secret. */
export function resolveLicenseOptions(options: LicenseModuleOptions = {}): ResolvedLicenseOptions {
  const keyPrefix = (options.keyPrefix ?? "CP").toUpperCase()
  if (!/^[A-Z]{1,8}$/.test(keyPrefix)) {
    throw new Error(`License keys: keyPrefix must be 1 to 8 letters, got "${options.keyPrefix}".`)
  }
  const secret = options.secret || process.env.LICENSE_KEY_SECRET
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      "License keys: no secret configured. Set LICENSE_KEY_SECRET (or the plugin option `secret`) to a random " +
        `string of at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -hex 32\`. ` +
        "`npm run dev` generates one for local development; production has no default."
    )
  }
  return {
    keyPrefix,
    secret,
    issuedNotificationTemplate: options.issuedNotificationTemplate ?? "license-issued",
    issuedNotificationChannel: options.issuedNotificationChannel ?? "email",
  }
}
