import { Button, Container, Heading, Text } from "@medusajs/ui"
import { errorMessage, useLicensingOverview } from "../lib/api"
import type { LicensingOverviewDay } from "../lib/types"
import { DayAxis, DayBars, formatDay } from "./charts/day-bars"
import { Legend } from "./charts/legend"

const ISSUED_COLOR = "var(--tag-blue-icon, #3b82f6)"
const REVOKED_COLOR = "var(--tag-red-icon, #f43f5e)"
/** Verify answer codes: valid in green, the others in fixed colours by rank. */
const CODE_COLORS = ["var(--tag-green-icon, #10b981)", "#f59e0b", "#8b5cf6", "#ec4899", "#06b6d4", "#64748b", "#84cc16"]
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

/** Keys issued (left half of each day) and revoked (right half), per UTC day. */
const KeysChart = ({ days }: { days: LicensingOverviewDay[] }) => {
  const issued = days.reduce((sum, d) => sum + d.issued, 0)
  const revoked = days.reduce((sum, d) => sum + d.revoked, 0)
  return (
    <div className="flex flex-col gap-y-2" data-testid="overview-keys-chart">
      <Text size="small" weight="plus">
        Keys issued and revoked
      </Text>
      <DayBars
        days={days}
        height={HEIGHT}
        className="h-16 w-full"
        label={`Keys per day, last ${days.length} days: ${issued} issued, ${revoked} revoked`}
        max={Math.max(...days.map((d) => Math.max(d.issued, d.revoked)))}
        columns={2}
        segments={(day) => [
          { key: "issued", value: day.issued, color: ISSUED_COLOR, column: 0 },
          { key: "revoked", value: day.revoked, color: REVOKED_COLOR, column: 1 },
        ]}
        title={(day) => `${formatDay(day.day)}: ${day.issued} issued, ${day.revoked} revoked`}
        dayAttributes={(day) => ({
          "data-testid": "overview-keys-day",
          "data-day": day.day,
          "data-issued": day.issued,
          "data-revoked": day.revoked,
        })}
      />
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
  const total = codes.reduce((sum, c) => sum + c.total, 0)
  const parts = (day: LicensingOverviewDay) => codes.filter(({ code }) => day.verify[code])
  return (
    <div className="flex flex-col gap-y-2" data-testid="overview-verify-chart">
      <Text size="small" weight="plus">
        Verify calls by answer
      </Text>
      <DayBars
        days={days}
        height={HEIGHT}
        className="h-16 w-full"
        label={`Verify calls per day, last ${days.length} days: ${total} in all`}
        max={Math.max(...days.map((d) => d.verify_total))}
        segments={(day) => parts(day).map(({ code }) => ({ key: code, value: day.verify[code], color: color.get(code)! }))}
        title={(day) =>
          `${formatDay(day.day)}: ${day.verify_total} verify call${day.verify_total === 1 ? "" : "s"}${
            parts(day).length ? ` (${parts(day).map(({ code }) => `${code} ${day.verify[code]}`).join(", ")})` : ""
          }`
        }
        dayAttributes={(day) => ({ "data-testid": "overview-verify-day", "data-day": day.day, "data-total": day.verify_total })}
      />
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
