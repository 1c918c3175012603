import type { ReactNode } from "react"

export function LoadingState({ label = "Loading your licenses…" }: { label?: string }) {
  return (
    <div className="lk-state lk-state--loading" role="status" aria-live="polite" aria-busy="true">
      <span className="lk-spinner" aria-hidden="true" />
      {label}
    </div>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="lk-state lk-state--error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="lk-button lk-button--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  )
}

export function EmptyState({ children }: { children?: ReactNode }) {
  return (
    <div className="lk-state lk-state--empty">
      <p className="lk-state__title">You have no license keys yet.</p>
      <p>{children ?? "Keys for the software you buy appear here as soon as your order is placed."}</p>
    </div>
  )
}
