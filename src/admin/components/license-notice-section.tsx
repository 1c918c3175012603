import { Button, StatusBadge, Text, toast } from "@medusajs/ui"
import { errorMessage } from "../lib/api"
import { formatDateTime } from "../lib/format"
import { type AdminLicenseNotice, useLicenseNotice, useResendLicenseNotice } from "../lib/license-notice"

const LABEL: Record<AdminLicenseNotice["status"], { text: string; color: "green" | "orange" | "red" | "grey" }> = {
  sent: { text: "E-mail sent", color: "green" },
  pending: { text: "E-mail pending", color: "orange" },
  sending: { text: "E-mail sending", color: "orange" },
  failed: { text: "E-mail failed", color: "red" },
}

/**
 * The e-mail that sent the order's keys to the customer: sent, pending or
 * failed (attempts, last error, next retry), and "Resend keys", also after a
 * successful send (a customer who lost the mail).
 */
export const LicenseNoticeSection = ({ orderId }: { orderId: string }) => {
  const { data, isLoading, error } = useLicenseNotice(orderId)
  const resend = useResendLicenseNotice(orderId)
  const notice = data?.notice ?? null

  const onResend = async () => {
    try {
      const { notice: after } = await resend.mutateAsync()
      if (after?.status === "sent") {
        toast.success("Keys sent", { description: "The customer got their license keys again." })
      } else {
        toast.error("The e-mail failed again", { description: after?.last_error ?? "It will be retried." })
      }
    } catch (err) {
      toast.error("Could not resend the keys", { description: errorMessage(err) })
    }
  }

  if (isLoading) {
    return null
  }
  if (error) {
    return <Text className="px-6 py-4 text-ui-fg-error">Could not load the e-mail state: {errorMessage(error)}</Text>
  }
  if (!notice) {
    return null
  }
  const label = LABEL[notice.status]
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="license-notice">
      <div className="flex items-center justify-between gap-x-4">
        <div className="flex items-center gap-x-2">
          <StatusBadge color={label.color} data-testid="license-notice-status">
            {label.text}
          </StatusBadge>
          <Text size="small" className="text-ui-fg-subtle">
            {notice.status === "sent" && notice.sent_at
              ? `on ${formatDateTime(notice.sent_at)}`
              : `attempt ${notice.attempts} of ${notice.max_attempts}`}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={onResend} isLoading={resend.isPending} disabled={notice.status === "sending"}>
          Resend keys
        </Button>
      </div>
      {notice.status === "failed" && notice.last_error ? (
        <Text size="small" className="text-ui-fg-error break-words" data-testid="license-notice-error">
          {notice.last_error}
        </Text>
      ) : null}
      {notice.status === "failed" ? (
        <Text size="small" className="text-ui-fg-subtle">
          {notice.next_attempt_at
            ? `Next automatic attempt ${formatDateTime(notice.next_attempt_at)}.`
            : "No automatic attempt left: resend the keys when the e-mail service works again."}
        </Text>
      ) : null}
    </div>
  )
}
