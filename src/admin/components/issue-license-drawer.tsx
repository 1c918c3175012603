import { Button, Drawer, Input, Label, RadioGroup, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useEffect, useId, useMemo, useState } from "react"
import { Controller, FormProvider, useForm } from "react-hook-form"
import { useNavigate } from "react-router-dom"
import {
  type CustomerOption,
  errorMessage,
  type IssueLicenseBody,
  useCustomerSearch,
  useIssueLicense,
  useLicensePolicies,
} from "../lib/api"
import { dateInputToIso } from "../lib/dates"
import { issueLicenseResolver } from "../lib/forms"
import { formatMaxActivations } from "../lib/format"
import { useDebouncedValue } from "../lib/use-debounced-value"
import { DrawerFormFooter } from "./drawer-form-footer"
import { FieldError } from "./field-error"
import { FormError } from "./form-error"

type Term = "policy" | "lifetime" | "date"

/** The form holds the route's body as JSON carries it (dates as ISO strings). */
type IssueForm = IssueLicenseBody

const EMPTY: IssueForm = { variant_id: "" }

const customerName = (c: CustomerOption) => [c.first_name, c.last_name].filter(Boolean).join(" ")

/** "Issue license": a key for a customer and a licensed variant, without an order. */
export const IssueLicenseDrawer = ({
  open,
  onOpenChange,
  customer: fixedCustomer,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** Preselected customer (the customer page). */
  customer?: CustomerOption
}) => {
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [customer, setCustomer] = useState<CustomerOption | undefined>(fixedCustomer)
  const [term, setTerm] = useState<Term>("policy")
  const [expiry, setExpiry] = useState("")
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<IssueForm>({ defaultValues: EMPTY, resolver: issueLicenseResolver })
  const { errors } = form.formState
  const variantId = form.watch("variant_id")
  const debouncedSearch = useDebouncedValue(search, 300)
  const ids = { search: useId(), variant: useId(), expiry: useId(), max: useId(), notes: useId(), email: useId(), discord: useId() }

  const customers = useCustomerSearch(debouncedSearch)
  const variants = useLicensePolicies({ licensedOnly: true })
  const issue = useIssueLicense()

  useEffect(() => {
    if (open) {
      setSearch("")
      setCustomer(fixedCustomer)
      setTerm("policy")
      setExpiry("")
      setFormError(null)
      form.reset({ ...EMPTY, customer_id: fixedCustomer?.id })
    }
  }, [open, fixedCustomer, form])

  const pickCustomer = (picked: CustomerOption | undefined) => {
    setCustomer(picked)
    form.setValue("customer_id", picked?.id, { shouldValidate: form.formState.isSubmitted })
    form.setValue("customer_email", undefined)
  }
  /** The term radio and the date input write `expires_at`: absent = the policy's, null = lifetime, a date = that day. */
  const setExpiresAt = (nextTerm: Term, date: string) => {
    setTerm(nextTerm)
    setExpiry(date)
    const value = nextTerm === "policy" ? undefined : nextTerm === "lifetime" ? null : date ? dateInputToIso(date) : ""
    form.setValue("expires_at", value, { shouldValidate: form.formState.isSubmitted })
  }

  const policy = useMemo(
    () => variants.data?.license_policies.find((p) => p.variant_id === variantId),
    [variants.data, variantId]
  )
  const byProduct = useMemo(() => {
    const groups = new Map<string, { title: string; variants: { id: string; title: string }[] }>()
    for (const p of variants.data?.license_policies ?? []) {
      const group = groups.get(p.product_id) ?? { title: p.product_title ?? p.product_id, variants: [] }
      group.variants.push({ id: p.variant_id, title: p.variant_title ?? p.variant_id })
      groups.set(p.product_id, group)
    }
    return [...groups.entries()]
  }, [variants.data])

  const submit = form.handleSubmit(async (body) => {
    setFormError(null)
    try {
      const { license } = await issue.mutateAsync(body)
      toast.success("License issued", { description: license.key })
      onOpenChange(false)
      navigate(`/licenses/${license.id}`)
    } catch (error) {
      setFormError(errorMessage(error))
      toast.error("Could not issue the license", { description: errorMessage(error) })
    }
  })

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <FormProvider {...form}>
          <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden">
            <Drawer.Header>
              <Drawer.Title>Issue license</Drawer.Title>
              <Drawer.Description>A key for a customer, an e-mail or a Discord ID, without an order.</Drawer.Description>
            </Drawer.Header>
            <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.search} size="small" weight="plus">
                  Customer
                </Label>
                {customer ? (
                  <div className="flex items-center justify-between rounded-md border px-3 py-2">
                    <div>
                      <Text size="small" weight="plus" data-testid="issue-customer">
                        {customer.email}
                      </Text>
                      {customerName(customer) ? (
                        <Text size="small" className="text-ui-fg-subtle">
                          {customerName(customer)}
                        </Text>
                      ) : null}
                    </div>
                    {fixedCustomer ? null : (
                      <Button type="button" size="small" variant="transparent" onClick={() => pickCustomer(undefined)}>
                        Change
                      </Button>
                    )}
                  </div>
                ) : (
                  <>
                    <Input
                      id={ids.search}
                      type="search"
                      placeholder="Search by e-mail or name"
                      value={search}
                      onChange={(e) => setSearch(e.target.value)}
                      autoComplete="off"
                    />
                    <div className="flex max-h-56 flex-col overflow-y-auto rounded-md border" role="listbox">
                      {customers.isError ? (
                        <Text size="small" className="text-ui-fg-error px-3 py-2">
                          {errorMessage(customers.error)}
                        </Text>
                      ) : !customers.data ? (
                        <Text size="small" className="text-ui-fg-subtle px-3 py-2">
                          Loading customers…
                        </Text>
                      ) : !customers.data.customers.length ? (
                        <Text size="small" className="text-ui-fg-subtle px-3 py-2">
                          No customer matches.
                        </Text>
                      ) : (
                        customers.data.customers.map((c) => (
                          <button
                            key={c.id}
                            type="button"
                            role="option"
                            aria-selected={false}
                            className="hover:bg-ui-bg-base-hover txt-small flex flex-col items-start px-3 py-2 text-left"
                            onClick={() => pickCustomer(c)}
                          >
                            <span className="text-ui-fg-base">{c.email}</span>
                            {customerName(c) ? <span className="text-ui-fg-subtle">{customerName(c)}</span> : null}
                          </button>
                        ))
                      )}
                    </div>
                  </>
                )}
                <FieldError error={errors.customer_id} />
              </div>

              {customer ? null : (
                <div className="flex flex-col gap-y-2">
                  <Label htmlFor={ids.email} size="small" weight="plus">
                    Or an e-mail, without a customer account
                  </Label>
                  <Controller
                    control={form.control}
                    name="customer_email"
                    render={({ field }) => (
                      <Input
                        id={ids.email}
                        type="email"
                        name={field.name}
                        ref={field.ref}
                        onBlur={field.onBlur}
                        value={field.value ?? ""}
                        onChange={(e) => field.onChange(e.target.value.trim() ? e.target.value : undefined)}
                      />
                    )}
                  />
                  <FieldError error={errors.customer_email} />
                </div>
              )}

              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.discord} size="small" weight="plus">
                  Discord ID (optional)
                </Label>
                <Controller
                  control={form.control}
                  name="customer_discord_id"
                  render={({ field }) => (
                    <Input
                      id={ids.discord}
                      inputMode="numeric"
                      placeholder={customer ? "The customer's, if they set one" : "17 to 20 digits"}
                      name={field.name}
                      ref={field.ref}
                      onBlur={field.onBlur}
                      value={field.value ?? ""}
                      onChange={(e) => field.onChange(e.target.value.trim() ? e.target.value.trim() : undefined)}
                    />
                  )}
                />
                <FieldError error={errors.customer_discord_id} />
                <Text size="small" className="text-ui-fg-subtle">
                  A license needs a customer, an e-mail or a Discord ID.
                </Text>
              </div>

              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.variant} size="small" weight="plus">
                  Licensed variant
                </Label>
                <Controller
                  control={form.control}
                  name="variant_id"
                  render={({ field }) => (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <Select.Trigger id={ids.variant} onBlur={field.onBlur}>
                        <Select.Value placeholder={variants.isLoading ? "Loading…" : "Pick a variant"} />
                      </Select.Trigger>
                      <Select.Content>
                        {byProduct.map(([productId, group]) => (
                          <Select.Group key={productId}>
                            <Select.Label>{group.title}</Select.Label>
                            {group.variants.map((v) => (
                              <Select.Item key={v.id} value={v.id}>
                                {group.title} · {v.title}
                              </Select.Item>
                            ))}
                          </Select.Group>
                        ))}
                      </Select.Content>
                    </Select>
                  )}
                />
                <FieldError error={errors.variant_id} />
                {variants.isError ? (
                  <Text size="small" className="text-ui-fg-error">
                    {errorMessage(variants.error)}
                  </Text>
                ) : variants.data && !variants.data.license_policies.length ? (
                  <Text size="small" className="text-ui-fg-subtle">
                    No variant is licensed yet: set a license policy on a product page first.
                  </Text>
                ) : policy ? (
                  <Text size="small" className="text-ui-fg-subtle">
                    Policy: {formatMaxActivations(policy.max_activations)} activations,{" "}
                    {policy.term_days ? `${policy.term_days} days` : "lifetime"}.
                  </Text>
                ) : null}
              </div>

              <div className="flex flex-col gap-y-2">
                <Label size="small" weight="plus">
                  Expiry
                </Label>
                <RadioGroup value={term} onValueChange={(value) => setExpiresAt(value as Term, expiry)} className="flex flex-col gap-y-2">
                  {(
                    [
                      ["policy", "As the variant's policy"],
                      ["lifetime", "Lifetime"],
                      ["date", "On a date"],
                    ] as const
                  ).map(([value, label]) => (
                    <div key={value} className="flex items-center gap-x-2">
                      <RadioGroup.Item value={value} id={`${ids.expiry}-${value}`} />
                      <Label htmlFor={`${ids.expiry}-${value}`} size="small">
                        {label}
                      </Label>
                    </div>
                  ))}
                </RadioGroup>
                {term === "date" ? (
                  <Input
                    id={ids.expiry}
                    type="date"
                    aria-label="Expiry date"
                    value={expiry}
                    onChange={(e) => setExpiresAt("date", e.target.value)}
                  />
                ) : null}
                <FieldError error={errors.expires_at} />
              </div>

              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.max} size="small" weight="plus">
                  Max activations (optional)
                </Label>
                <Controller
                  control={form.control}
                  name="max_activations"
                  render={({ field }) => (
                    <Input
                      id={ids.max}
                      type="number"
                      min={0}
                      step={1}
                      placeholder={policy ? `${policy.max_activations} (policy)` : "As the variant's policy"}
                      name={field.name}
                      ref={field.ref}
                      onBlur={field.onBlur}
                      value={field.value ?? ""}
                      onChange={(e) => field.onChange(e.target.value === "" ? undefined : Number(e.target.value))}
                    />
                  )}
                />
                <FieldError error={errors.max_activations} />
                <Text size="small" className="text-ui-fg-subtle">
                  0 = unlimited.
                </Text>
              </div>

              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.notes} size="small" weight="plus">
                  Notes (optional)
                </Label>
                <Controller
                  control={form.control}
                  name="notes"
                  render={({ field }) => (
                    <Textarea
                      id={ids.notes}
                      name={field.name}
                      ref={field.ref}
                      onBlur={field.onBlur}
                      value={field.value ?? ""}
                      onChange={(e) => field.onChange(e.target.value.trim() ? e.target.value : undefined)}
                    />
                  )}
                />
                <FieldError error={errors.notes} />
              </div>

              <FormError message={formError} />
            </Drawer.Body>
            <DrawerFormFooter submitLabel={"Issue license"} isLoading={issue.isPending} />
          </form>
        </FormProvider>
      </Drawer.Content>
    </Drawer>
  )
}
