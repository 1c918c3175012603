import { Text } from "@medusajs/ui"
import { DayAxis, DayBars, formatDay } from "../charts/day-bars"
import { Legend } from "../charts/legend"
import type { LicenseUsageDay } from "./api"

const VALID_COLOR = "var(--tag-green-icon, #10b981)"
const REFUSED_COLOR = "var(--tag-red-icon, #f43f5e)"
const QUOTA_COLOR = "var(--fg-subtle, #52525b)"
const HEIGHT = 80

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
 * its counts. A product with a daily verify quota (`quota` > 0) gets it as a
 * dashed line, the scale reaching at least up to it.
 */
export const UsageChart = ({ usage, quota = 0 }: { usage: LicenseUsageDay[]; quota?: number }) => {
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
      <DayBars
        days={usage}
        height={HEIGHT}
        className="h-24 w-full"
        label={`Verify calls per day, last ${usage.length} days: ${totals.all} in all, ${totals.valid} valid, ${refused} refused`}
        max={Math.max(quota, ...usage.map((d) => d.total))}
        threshold={quota > 0 ? { value: quota, color: QUOTA_COLOR, title: `Daily verify quota: ${quota} calls` } : undefined}
        segments={(day) => {
          const valid = day.counts.valid ?? 0
          return [
            { key: "valid", value: valid, color: VALID_COLOR },
            { key: "refused", value: Math.max(0, day.total - valid), color: REFUSED_COLOR },
          ]
        }}
        title={describe}
        dayAttributes={(day) => ({ "data-testid": "usage-bar", "data-day": day.day, "data-total": day.total })}
      />
      <DayAxis days={usage} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Text size="small" data-testid="usage-totals">
          {totals.all} verify call{totals.all === 1 ? "" : "s"} · {totals.valid} valid · {refused} refused
        </Text>
        <Legend
          items={[
            { label: "Valid", color: VALID_COLOR },
            { label: "Refused", color: REFUSED_COLOR },
            ...(quota > 0 ? [{ label: `Daily quota (${quota})`, color: QUOTA_COLOR }] : []),
          ]}
        />
      </div>
      {breakdown.length ? (
        <Text size="xsmall" className="text-ui-fg-subtle" data-testid="usage-refusals">
          Refused: {breakdown.map(([code, count]) => `${code} ${count}`).join(", ")}
        </Text>
      ) : null}
    </div>
  )
}
