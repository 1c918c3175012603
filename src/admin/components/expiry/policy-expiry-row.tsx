import { Input, Label, Select, Switch, Table, Text } from "@medusajs/ui"
import { type ExpiryDraft, MAX_GRACE_DAYS } from "./expiry-draft"

export { expiryBody, type ExpiryDraft, expiryDraftError, toExpiryDraft } from "./expiry-draft"

const STRATEGY_HELP: Record<ExpiryDraft["expiry_strategy"], string> = {
  revoke_access: "After expiry (and grace) the key answers expired and stops working.",
  maintain_access: "After expiry the key keeps working, but gets no release published after its expiry.",
}

const BASIS_HELP: Record<ExpiryDraft["expiry_basis"], string> = {
  from_issuance: "The term starts when the key is issued.",
  from_first_activation: "The term starts when the key is first activated; until then it does not expire.",
}

/** A second table row under a variant's policy row: expiry strategy, grace period and expiry basis, with help text. */
export const PolicyExpiryRow = ({
  label,
  draft,
  disabled,
  columns,
  onChange,
}: {
  label: string
  draft: ExpiryDraft
  disabled: boolean
  columns: number
  onChange: (patch: Partial<ExpiryDraft>) => void
}) => (
  <Table.Row data-testid="policy-expiry-row" data-variant-title={label}>
    <td colSpan={columns} className="px-6">
      <div className="grid grid-cols-4 gap-x-4 py-2">
        <div className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            At expiry
          </Text>
          <Select
            size="small"
            value={draft.expiry_strategy}
            disabled={disabled}
            onValueChange={(value) => onChange({ expiry_strategy: value as ExpiryDraft["expiry_strategy"] })}
          >
            <Select.Trigger aria-label={`${label}: expiry strategy`}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="revoke_access">Stop working</Select.Item>
              <Select.Item value="maintain_access">Keep working, no new releases</Select.Item>
            </Select.Content>
          </Select>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {STRATEGY_HELP[draft.expiry_strategy]}
          </Text>
        </div>
        <Label className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            Grace period (days)
          </Text>
          <Input
            aria-label={`${label}: grace days`}
            type="number"
            min={0}
            max={MAX_GRACE_DAYS}
            step={1}
            size="small"
            disabled={disabled}
            value={draft.grace_days}
            onChange={(e) => onChange({ grace_days: e.target.value })}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            Days after expiry during which the key still works and tells the product to ask for renewal. 0 = none.
          </Text>
        </Label>
        <div className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            Term starts
          </Text>
          <Select
            size="small"
            value={draft.expiry_basis}
            disabled={disabled}
            onValueChange={(value) => onChange({ expiry_basis: value as ExpiryDraft["expiry_basis"] })}
          >
            <Select.Trigger aria-label={`${label}: expiry basis`}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="from_issuance">At purchase</Select.Item>
              <Select.Item value="from_first_activation">At first activation</Select.Item>
            </Select.Content>
          </Select>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {BASIS_HELP[draft.expiry_basis]}
          </Text>
        </div>
        <div className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            Trial
          </Text>
          <Switch
            aria-label={`${label}: trial`}
            checked={draft.trial}
            disabled={disabled}
            onCheckedChange={(trial) => onChange(trial ? { trial, expiry_basis: "from_first_activation" } : { trial })}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            One key per customer e-mail for this product; a second trial is refused at checkout.
          </Text>
        </div>
        <div className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            Local sites free
          </Text>
          <Switch
            aria-label={`${label}: local sites free`}
            checked={draft.local_sites_free}
            disabled={disabled}
            onCheckedChange={(local_sites_free) => onChange({ local_sites_free })}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            localhost, private IPs, .local/.test, dev./staging. sites and the store's patterns (Licensing widget) verify without a slot. Applies to keys sold from now on.
          </Text>
        </div>
        <Label className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            Heartbeat (seconds)
          </Text>
          <Input
            aria-label={`${label}: heartbeat seconds`}
            size="small"
            inputMode="numeric"
            placeholder="Off"
            value={draft.heartbeat_interval_seconds}
            disabled={disabled}
            onChange={(e) => onChange({ heartbeat_interval_seconds: e.target.value })}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            Floating seats: a machine keeps its seat only while its app verifies at least this often (60 or more); after 2 x this + 60 s without, the seat is freed for another machine. Empty = off. Domains and IPs are not affected. Applies to keys sold from now on.
          </Text>
        </Label>
      </div>
    </td>
  </Table.Row>
)
