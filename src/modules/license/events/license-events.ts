import type { IEventBusModuleService } from "@medusajs/framework/types"
import type { VerifyIdentity } from "../rules/identity"
import { type LicenseEventName, LicenseEvents } from "../types"

/** The module's logger (Medusa's `logger` registration, console when none is registered). */
export type ModuleLogger = { warn(message: string): void; error(message: string, error?: unknown): void }

/**
 * The one place that builds and emits the module's license.* events on
 * Medusa's event bus (the `event_bus` registration of the module's container,
 * as MedusaService finds it). Emitting never makes the caller wait for (or
 * fail with) the bus: the webhook subscribers queue the deliveries. Callers
 * emit after their write committed. Workflows emit their own events with
 * emitEventStep; these are the ones of module operations that run without one
 * (the Verify API, slot releases).
 */
export class LicenseEventEmitter {
  constructor(
    private readonly eventBus: IEventBusModuleService | undefined,
    private readonly logger: ModuleLogger
  ) {}

  emit(name: LicenseEventName, data: Record<string, unknown>): void {
    if (!this.eventBus) {
      return
    }
    this.eventBus.emit({ name, data }).catch((error: unknown) => {
      this.logger.error(`License keys: could not emit ${name}`, error)
    })
  }

  /** A verify took (license.activated) or a deactivate freed (license.deactivated) a slot. */
  activation(
    name: typeof LicenseEvents.ACTIVATED | typeof LicenseEvents.DEACTIVATED,
    licenseId: string,
    identity: VerifyIdentity,
    ip: string,
    activationId: string,
    activationsUsed: number
  ): void {
    this.emit(name, {
      id: licenseId,
      activation: { id: activationId, kind: identity.kind, identifier: identity.value },
      ip,
      activations_used: activationsUsed,
    })
  }

  /** A refusal opened a new aggregation window: license.activation_refused (at most one per license, reason and window). */
  activationRefused(licenseId: string, reason: string, identity: VerifyIdentity, ip: string, windowSeconds: number): void {
    this.emit(LicenseEvents.ACTIVATION_REFUSED, {
      id: licenseId,
      reason,
      identity: { kind: identity.kind, identifier: identity.value },
      ip,
      window_seconds: windowSeconds,
    })
  }

  /** A verify saw this expiry for the first time: license.expired. */
  expired(licenseId: string, expiresAt: Date | string): void {
    this.emit(LicenseEvents.EXPIRED, { id: licenseId, expires_at: new Date(expiresAt).toISOString() })
  }
}
