import { Text } from "@medusajs/ui"
import type { LicenseUsageDay } from "./api"

const VALID_COLOR = "var(--tag-green-icon, #10b981)"
const REFUSED_COLOR = "var(--tag-red-icon, #f43f5e)"
const BAR = 10
const GAP = 3
const HEIGHT = 80

/** "2026-11-23" -> "Nov 23", read as a UTC day. */
export const formatDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" })

const refusals = (day: LicenseUsageDay) =>
  Object.entries(day.counts)
    .filter(([code, count]) => code !== "valid" && (count ?? 0) > 0)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0)) as [string, number][]

const describe = (day: LicenseUsageDay) => {
  const parts = [`valid ${day.counts.valid ?? 0}`, ...refusals(day).map(([code, count]) => `${code} ${count}`)]
  return `${formatDay(day.day)}: ${day.total} verify call${day.total === 1 ? "" : "s"} (${parts.join(", ")})`
}

/**
 * The last 30 days as stacked bars: valid answers in green at the bottom,
 * every other answer in red above them. Each bar's title names the day and
 * its counts.
 */
export const UsageChart = ({ usage }: { usage: LicenseUsageDay[] }) => {
  const max = Math.max(1, ...usage.map((d) => d.total))
  const width = usage.length * (BAR + GAP) - GAP
  const totals = usage.reduce(
    (sum, day) => {
      sum.all += day.total
      sum.valid += day.counts.valid ?? 0
      for (const [code, count] of refusals(day)) {
        sum.refused[code] = (sum.refused[code] ?? 0) + count
      }
      return sum
    },
    { all: 0, valid: 0, refused: {} as Record<string, number> }
  )
  const refused = totals.all - totals.valid
  const breakdown = Object.entries(totals.refused).sort(([, a], [, b]) => b - a)

  return (
    <div className="flex flex-col gap-y-2" data-testid="usage-chart">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-24 w-full"
        role="img"
        aria-label={`Verify calls per day, last ${usage.length} days: ${totals.all} in all, ${totals.valid} valid, ${refused} refused`}
      >
        <line x1={0} x2={width} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="var(--border-base, #e4e4e7)" strokeWidth={1} />
        {usage.map((day, i) => {
          const valid = day.counts.valid ?? 0
          const other = Math.max(0, day.total - valid)
          const validHeight = (valid / max) * HEIGHT
          const otherHeight = (other / max) * HEIGHT
          const x = i * (BAR + GAP)
          return (
            <g key={day.day} data-testid="usage-bar" data-day={day.day} data-total={day.total}>
              <title>{describe(day)}</title>
              {/* an invisible full-height column, so the title shows on days without calls too */}
              <rect x={x} y={0} width={BAR} height={HEIGHT} fill="transparent" />
              {valid ? (
                <rect x={x} y={HEIGHT - validHeight} width={BAR} height={validHeight} style={{ fill: VALID_COLOR }} />
              ) : null}
              {other ? (
                <rect
                  x={x}
                  y={HEIGHT - validHeight - otherHeight}
                  width={BAR}
                  height={otherHeight}
                  style={{ fill: REFUSED_COLOR }}
                />
              ) : null}
            </g>
          )
        })}
      </svg>
      {usage.length ? (
        <div className="text-ui-fg-muted txt-compact-xsmall flex justify-between">
          <span>{formatDay(usage[0].day)}</span>
          <span>{formatDay(usage[usage.length - 1].day)}</span>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Text size="small" data-testid="usage-totals">
          {totals.all} verify call{totals.all === 1 ? "" : "s"} · {totals.valid} valid · {refused} refused
        </Text>
        <span className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
          <span className="inline-block h-2 w-2 rounded-sm" style={{ background: VALID_COLOR }} /> Valid
        </span>
        <span className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
          <span className="inline-block h-2 w-2 rounded-sm" style={{ background: REFUSED_COLOR }} /> Refused
        </span>
      </div>
      {breakdown.length ? (
        <Text size="xsmall" className="text-ui-fg-subtle" data-testid="usage-refusals">
          Refused: {breakdown.map(([code, count]) => `${code} ${count}`).join(", ")}
        </Text>
      ) : null}
    </div>
  )
}
