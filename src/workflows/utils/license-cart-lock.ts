/**
 * The key of the lock a renewal or an upgrade holds on a cart while it checks the cart and adds its line (Medusa's
 * locking module): one key for both, so a renewal and an upgrade of one license into one cart cannot both get in.
 */
export const licenseCartLockKey = (cartId: string) => `license-renewal-cart:${cartId}`
