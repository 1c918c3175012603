import { domainError, ipError, normaliseDomain, normaliseIp } from "./form"
import { ListEditor } from "./list-editor"

/** Blocked domains and IPs/CIDRs: a verify call from one of them is answered `blocked` and takes no slot. */
export const BlocklistFields = ({
  domains,
  ips,
  onChange,
  disabled,
}: {
  domains: string[]
  ips: string[]
  onChange: (patch: { blocked_domains?: string[]; blocked_ips?: string[] }) => void
  disabled?: boolean
}) => (
  <div className="flex flex-col gap-y-4">
    <ListEditor
      label="Blocked domains"
      hint="example.com, or *.example.com for every subdomain."
      placeholder="example.com"
      values={domains}
      onChange={(blocked_domains) => onChange({ blocked_domains })}
      normalise={normaliseDomain}
      validate={domainError}
      testId="blocked-domains"
      disabled={disabled}
    />
    <ListEditor
      label="Blocked IPs"
      hint="An address or a CIDR range, IPv4 or IPv6: 203.0.113.7, 10.0.0.0/8, 2001:db8::/32."
      placeholder="203.0.113.7"
      values={ips}
      onChange={(blocked_ips) => onChange({ blocked_ips })}
      normalise={normaliseIp}
      validate={ipError}
      testId="blocked-ips"
      disabled={disabled}
    />
  </div>
)
