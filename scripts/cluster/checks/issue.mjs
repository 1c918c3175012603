// 2. issuance across instances: 100 orders checked out concurrently through
// both servers; every order line gets exactly its keys.
import { freshIp } from "../http.mjs"
import { placeOrder } from "../store.mjs"
import { expect, figures, servers, store, waitForKeys } from "../setup.mjs"

export async function checkIssuance() {
  const variants = Object.values(store.variants)
  const [a, b] = servers()
  const started = Date.now()
  const outcomes = await Promise.all(
    Array.from({ length: 100 }, (_, i) => {
      const items = [{ variant_id: variants[i % variants.length], quantity: 1 + (i % 3) }]
      if (i % 4 === 0) items.push({ variant_id: variants[(i + 1) % variants.length], quantity: 2 })
      return placeOrder(i % 2 ? b.url : a.url, store, items, { email: `buyer-${i}@cluster.example`, from: freshIp() }).then(
        (order) => ({ order }),
        (error) => ({ error })
      )
    })
  )
  const checkoutMs = Date.now() - started
  const failed = outcomes.filter((o) => o.error)
  const orders = outcomes.filter((o) => o.order).map((o) => o.order)
  const { problems, issued, units } = await waitForKeys(orders, 120_000)
  const totalMs = Date.now() - started
  figures.issue = { orders: orders.length, failedCheckouts: failed.length, units, issued, problems: problems.length, checkoutMs, totalMs }
  console.log(`  ${orders.length} orders placed (${failed.length} checkouts failed) in ${checkoutMs} ms; ${units} licensed units; ${issued} keys issued; ${problems.length} lines wrong; all keys after ${totalMs} ms`)
  for (const f of failed.slice(0, 3)) console.log(`    checkout error: ${f.error.message}`)
  for (const p of problems.slice(0, 5)) console.log(`    line problem: ${JSON.stringify(p)}`)
  expect(failed.length === 0, `${failed.length} checkouts failed`)
  expect(problems.length === 0 && issued === units, `${problems.length} order lines without exactly their keys (${issued}/${units})`)
}
