import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService, MedusaError, ModuleProvider, Modules } from "@medusajs/framework/utils"
import { redactLicenseKeys } from "../../src/modules/license/issuance-notice/redact"

/**
 * Our test double of an e-mail service (medusa-config.ts uses it instead of
 * Medusa's local provider when LICENSE_TEST_NOTIFICATION_PROVIDER=true). It
 * logs what it is given with every key redacted, and while
 * LICENSE_TEST_NOTIFICATION_FAIL is set it refuses every message the way a
 * careless real service might: with an error that echoes the message's data,
 * keys included.
 */
export const FAIL_SWITCH = "LICENSE_TEST_NOTIFICATION_FAIL"

class SwitchableNotificationService extends AbstractNotificationProviderService {
  static identifier = "license-test-notification"
  protected logger_: Logger

  constructor({ logger }: { logger: Logger }) {
    super()
    this.logger_ = logger
  }

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    if (process.env[FAIL_SWITCH]) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `554 message rejected (${process.env[FAIL_SWITCH]}): ${JSON.stringify(notification.data)}`
      )
    }
    this.logger_.info(
      redactLicenseKeys(
        `Test notification to ${notification.to} (${notification.channel}, ${notification.template}): ${JSON.stringify(notification.data)}`
      )
    )
    return { id: `test-${Date.now()}-${Math.random().toString(36).slice(2)}` }
  }
}

export default ModuleProvider(Modules.NOTIFICATION, { services: [SwitchableNotificationService] })
