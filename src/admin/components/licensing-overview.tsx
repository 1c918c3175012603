import { Button, Container, Heading, Text } from "@medusajs/ui"
import { errorMessage, useLicensingOverview } from "../lib/api"
import type { LicensingOverviewDay } from "../lib/types"
import { formatDay } from "./product-licensing/usage-chart"

const ISSUED_COLOR = "var(--tag-blue-icon, #3b82f6)"
const REVOKED_COLOR = "var(--tag-red-icon, #f43f5e)"
/** Verify answer codes: valid in green, the others in fixed colours by rank. */
const CODE_COLORS = ["var(--tag-green-icon, #10b981)", "#f59e0b", "#8b5cf6", "#ec4899", "#06b6d4", "#64748b", "#84cc16"]
const BAR = 10
const GAP = 3
const HEIGHT = 64

const Stat = ({ label, value, testId, tone }: { label: string; value: number; testId: string; tone?: "error" }) => (
  <div className="flex flex-col gap-y-1 rounded-lg border px-4 py-3">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="xlarge" weight="plus" data-testid={testId} className={tone === "error" ? "text-ui-fg-error" : undefined}>
      {value}
    </Text>
  </div>
)

/** Codes ordered valid first, then by total calls. */
const verifyCodes = (days: LicensingOverviewDay[]) => {
  const totals = new Map<string, number>()
  for (const day of days) {
    for (const [code, count] of Object.entries(day.verify)) {
      totals.set(code, (totals.get(code) ?? 0) + count)
    }
  }
  return [...totals.entries()].sort(([a, x], [b, y]) => (a === "valid" ? -1 : b === "valid" ? 1 : y - x)).map(([code, total]) => ({ code, total }))
}

const Legend = ({ items }: { items: { label: string; color: string; testId?: string }[] }) => (
  <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
    {items.map((item) => (
      <span key={item.label} className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1" data-testid={item.testId}>
        <span className="inline-block h-2 w-2 rounded-sm" style={{ background: item.color }} /> {item.label}
      </span>
    ))}
  </div>
)

const DayAxis = ({ days }: { days: LicensingOverviewDay[] }) =>
  days.length ? (
    <div className="text-ui-fg-muted txt-compact-xsmall flex justify-between">
      <span>{formatDay(days[0].day)}</span>
      <span>{formatDay(days[days.length - 1].day)}</span>
    </div>
  ) : null

/** Keys issued (left half of each day) and revoked (right half), per UTC day. */
const KeysChart = ({ days }: { days: LicensingOverviewDay[] }) => {
  const max = Math.max(1, ...days.map((d) => Math.max(d.issued, d.revoked)))
  const width = days.length * (BAR + GAP) - GAP
  const issued = days.reduce((sum, d) => sum + d.issued, 0)
  const revoked = days.reduce((sum, d) => sum + d.revoked, 0)
  return (
    <div className="flex flex-col gap-y-2" data-testid="overview-keys-chart">
      <Text size="small" weight="plus">
        Keys issued and revoked
      </Text>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-16 w-full"
        role="img"
        aria-label={`Keys per day, last ${days.length} days: ${issued} issued, ${revoked} revoked`}
      >
        <line x1={0} x2={width} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="var(--border-base, #e4e4e7)" strokeWidth={1} />
        {days.map((day, i) => {
          const x = i * (BAR + GAP)
          const issuedHeight = (day.issued / max) * HEIGHT
          const revokedHeight = (day.revoked / max) * HEIGHT
          return (
            <g key={day.day} data-testid="overview-keys-day" data-day={day.day} data-issued={day.issued} data-revoked={day.revoked}>
              <title>{`${formatDay(day.day)}: ${day.issued} issued, ${day.revoked} revoked`}</title>
              <rect x={x} y={0} width={BAR} height={HEIGHT} fill="transparent" />
              {day.issued ? <rect x={x} y={HEIGHT - issuedHeight} width={BAR / 2} height={issuedHeight} style={{ fill: ISSUED_COLOR }} /> : null}
              {day.revoked ? (
                <rect x={x + BAR / 2} y={HEIGHT - revokedHeight} width={BAR / 2} height={revokedHeight} style={{ fill: REVOKED_COLOR }} />
              ) : null}
            </g>
          )
        })}
      </svg>
      <DayAxis days={days} />
      <Legend
        items={[
          { label: `Issued ${issued}`, color: ISSUED_COLOR, testId: "overview-issued-total" },
          { label: `Revoked ${revoked}`, color: REVOKED_COLOR, testId: "overview-revoked-total" },
        ]}
      />
    </div>
  )
}

/** Verify calls per UTC day, stacked by answer code. */
const VerifyChart = ({ days }: { days: LicensingOverviewDay[] }) => {
  const codes = verifyCodes(days)
  const color = new Map(codes.map(({ code }, i) => [code, CODE_COLORS[code === "valid" ? 0 : Math.min(i, CODE_COLORS.length - 1)]]))
  const max = Math.max(1, ...days.map((d) => d.verify_total))
  const width = days.length * (BAR + GAP) - GAP
  const total = codes.reduce((sum, c) => sum + c.total, 0)
  return (
    <div className="flex flex-col gap-y-2" data-testid="overview-verify-chart">
      <Text size="small" weight="plus">
        Verify calls by answer
      </Text>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-16 w-full"
        role="img"
        aria-label={`Verify calls per day, last ${days.length} days: ${total} in all`}
      >
        <line x1={0} x2={width} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="var(--border-base, #e4e4e7)" strokeWidth={1} />
        {days.map((day, i) => {
          const x = i * (BAR + GAP)
          let y = HEIGHT
          const parts = codes.filter(({ code }) => day.verify[code])
          return (
            <g key={day.day} data-testid="overview-verify-day" data-day={day.day} data-total={day.verify_total}>
              <title>
                {`${formatDay(day.day)}: ${day.verify_total} verify call${day.verify_total === 1 ? "" : "s"}${
                  parts.length ? ` (${parts.map(({ code }) => `${code} ${day.verify[code]}`).join(", ")})` : ""
                }`}
              </title>
              <rect x={x} y={0} width={BAR} height={HEIGHT} fill="transparent" />
              {parts.map(({ code }) => {
                const height = (day.verify[code] / max) * HEIGHT
                y -= height
                return <rect key={code} x={x} y={y} width={BAR} height={height} style={{ fill: color.get(code) }} />
              })}
            </g>
          )
        })}
      </svg>
      <DayAxis days={days} />
      <Legend
        items={
          codes.length
            ? codes.map(({ code, total: count }) => ({ label: `${code} ${count}`, color: color.get(code)!, testId: `overview-code-${code}` }))
            : [{ label: "No verify calls", color: "transparent" }]
        }
      />
    </div>
  )
}

/**
 * The Licensing overview at the top of the Licenses page: keys by state now,
 * and the last 30 UTC days of keys issued / revoked and verify calls by code.
 */
export const LicensingOverviewSection = () => {
  const { data, isLoading, isError, error, refetch, isFetching } = useLicensingOverview()
  const overview = data?.overview
  return (
    <Container className="divide-y p-0" data-testid="licensing-overview">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Licensing overview</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Keys now; per day over the last 30 days (UTC). Verify counts arrive within a few seconds.
          </Text>
        </div>
        <Button size="small" variant="transparent" isLoading={isFetching && !isLoading} onClick={() => refetch()}>
          Refresh
        </Button>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading the overview…
        </Text>
      ) : isError || !overview ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
          Could not load the overview: {errorMessage(error)}
        </Text>
      ) : (
        <div className="flex flex-col gap-y-6 px-6 py-4">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
            <Stat label="Active" value={overview.counts.active} testId="overview-active" />
            <Stat
              label={`Expiring in ${overview.expiring_within_days} days`}
              value={overview.counts.expiring_soon}
              testId="overview-expiring"
            />
            <Stat label="Revoked" value={overview.counts.revoked} testId="overview-revoked" tone="error" />
            <Stat label="Suspended" value={overview.counts.suspended} testId="overview-suspended" />
            <Stat label="Expired" value={overview.counts.expired} testId="overview-expired" />
          </div>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <KeysChart days={overview.days} />
            <VerifyChart days={overview.days} />
          </div>
        </div>
      )}
    </Container>
  )
}
