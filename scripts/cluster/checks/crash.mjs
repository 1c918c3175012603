// 3. crash recovery: kill -9 of the worker while it issues a 50-unit order,
// and of a server while it completes a checkout and during a burst of
// activations; restart; recount.
import { request } from "../http.mjs"
import { countMismatches, createLicenses, expect, figures, heldRows, kill9, newLogText, processes, q, sleep, startMedusa, store, tally, used, verify, waitForKeys } from "../setup.mjs"

/** A cart of `items` ready to complete (payment session set), as placeOrder builds it. */
async function cartReady(base, items, email) {
  const headers = { "x-publishable-api-key": store.publishable_key }
  const post = async (path, body) => {
    const res = await request(base, { method: "POST", path, body, headers })
    if (res.status !== 200) throw new Error(`POST ${path} -> ${res.status} ${res.text?.slice(0, 200)}`)
    return res.json
  }
  const { cart } = await post("/store/carts", { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email, items })
  const { payment_collection } = await post("/store/payment-collections", { cart_id: cart.id })
  await post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  return { cartId: cart.id, complete: (server) => request(server.url, { method: "POST", path: `/store/carts/${cart.id}/complete`, body: {}, headers }) }
}

const keysOf = async (orderId) => Number((await q(`SELECT count(*)::int AS n FROM license WHERE order_id = $1`, [orderId]))[0].n)
const orderOfCart = async (cartId) => (await q(`SELECT order_id FROM order_cart WHERE cart_id = $1 AND deleted_at IS NULL`, [cartId]))[0]?.order_id ?? null
async function orderWithItems(orderId) {
  const items = await q(
    `SELECT oli.id, oi.quantity::int AS quantity FROM order_item oi JOIN order_line_item oli ON oli.id = oi.item_id
      WHERE oi.order_id = $1 AND oi.deleted_at IS NULL AND oi.version = (SELECT version FROM "order" WHERE id = $1)`,
    [orderId]
  )
  return { id: orderId, items }
}

/** Whether the worker's log says the reconciliation job issued the order's keys (the line follows the commit: wait up to 3 s). */
async function issuedByJob(orderId) {
  for (let i = 0; i < 30; i++) {
    if (newLogText("worker", 0).includes(`issued the missing keys of order ${orderId}`)) return true
    await sleep(100)
  }
  return false
}

export async function checkCrash() {
  const variant = store.variants["5 sites"] ?? Object.values(store.variants)[0]
  const rows = []

  // (a) The worker runs the order.placed subscriber that issues keys: kill -9 it
  //     while the 50-unit checkout completes and its keys are being issued.
  {
    const cart = await cartReady(processes.get("server-a").url, [{ variant_id: variant, quantity: 50 }], "big-a@cluster.example")
    const workerPort = processes.get("worker").port
    const completing = cart.complete(processes.get("server-a"))
    let orderId = null
    for (let i = 0; i < 2000 && !orderId; i++) {
      orderId = await orderOfCart(cart.cartId)
      if (!orderId) await sleep(5)
    }
    await kill9("worker")
    const atKill = orderId ? await keysOf(orderId) : 0
    const answer = await completing
    orderId ??= answer.json?.order?.id
    console.log(`  (a) worker killed (-9) as the 50-unit order ${orderId} appeared: ${atKill} of 50 keys committed at the kill; checkout answered ${answer.status}`)
    const restartAt = Date.now()
    await startMedusa("worker", "worker", workerPort)
    const { problems, issued } = await waitForKeys([await orderWithItems(orderId)], 180_000)
    const ms = Date.now() - restartAt
    console.log(`      after the worker restart: ${issued} keys, ${problems.length} lines wrong, complete ${ms} ms after the restart`)
    const byJob = await issuedByJob(orderId)
    console.log(`      issued by: ${byJob ? "the reconciliation job" : "the order.placed subscriber (the event waited in Redis)"}`)
    rows.push({ scenario: "worker killed during issuance", atKill, issued, ms, byJob })
    expect(problems.length === 0 && issued === 50, `(a) the 50-unit order has ${issued} keys after the worker restart`)
  }

  // (b) kill -9 the server that is completing a 50-unit checkout. If the order was
  //     committed, its keys must come (subscriber or reconciliation job); if not,
  //     the storefront's retry on the other server must get exactly one order.
  {
    const a = processes.get("server-a")
    const cart = await cartReady(a.url, [{ variant_id: variant, quantity: 50 }], "big-b@cluster.example")
    const completing = cart.complete(a)
    let orderId = null
    for (let i = 0; i < 2000 && !orderId; i++) {
      orderId = await orderOfCart(cart.cartId)
      if (!orderId) await sleep(2)
    }
    await kill9("server-a")
    const answer = await completing
    const atKill = orderId ? await keysOf(orderId) : 0
    console.log(`  (b) server-a killed (-9) while completing a 50-unit checkout: order ${orderId ?? "not committed"}, ${atKill} keys at the kill, client got ${answer.status || answer.error?.code}`)
    const restartAt = Date.now()
    await startMedusa("server-a", "server", a.port)
    if (!orderId) {
      const retry = await cart.complete(processes.get("server-b"))
      orderId = retry.json?.order?.id ?? (await orderOfCart(cart.cartId))
      console.log(`      retried on server-b: ${retry.status}, order ${orderId}`)
    }
    const orders = await q(`SELECT count(*)::int AS n FROM order_cart WHERE cart_id = $1 AND deleted_at IS NULL`, [cart.cartId])
    const { problems, issued } = await waitForKeys([await orderWithItems(orderId)], 180_000)
    const ms = Date.now() - restartAt
    console.log(`      ${orders[0].n} order(s) for the cart; ${issued} keys, ${problems.length} lines wrong, complete ${ms} ms after the restart`)
    const byJob = await issuedByJob(orderId)
    console.log(`      issued by: ${byJob ? "the reconciliation job (order.placed was lost with the server)" : "the order.placed subscriber"}`)
    rows.push({ scenario: "server killed during checkout", atKill, issued, ms, orders: orders[0].n, byJob })
    expect(orders[0].n === 1, `(b) ${orders[0].n} orders for one cart`)
    expect(problems.length === 0 && issued === 50, `(b) the 50-unit order has ${issued} keys after the restart`)
  }

  // (c) a burst of 800 activations over both servers against four cap-50
  //     licenses; server-a is killed once a quarter of its answers are in.
  {
    const licenses = await createLicenses([50, 50, 50, 50])
    const a = processes.get("server-a")
    const b = processes.get("server-b")
    let answeredA = 0
    const burst = Promise.all(
      Array.from({ length: 800 }, (_, i) => {
        const onA = Math.floor(i / 4) % 2 === 0
        return verify(onA ? a : b, { license_key: licenses[i % 4].key, domain: `crash-${i}.cluster.example` }).then((r) => {
          if (onA && r.status) answeredA++
          return { ...r, onA }
        })
      })
    )
    const killStarted = Date.now()
    while (answeredA < 100 && Date.now() - killStarted < 30_000) await sleep(2)
    await kill9("server-a")
    const results = await burst
    const byStatus = tally(results.map((r) => `${r.onA ? "a" : "b"}:${r.status === 200 ? r.json?.code : r.status === 0 ? "connection error" : `HTTP ${r.status}`}`))
    console.log(`  (c) server-a killed (-9) after ${answeredA} of its 400 answers: ${JSON.stringify(byStatus)}`)
    await startMedusa("server-a", "server", a.port)
    const mismatches = await countMismatches()
    const perLicense = []
    for (const l of licenses) perLicense.push(`${await heldRows(l.id)}/${await used(l.id)}`)
    const bErrors = results.filter((r) => !r.onA && (r.status >= 500 || r.status === 0)).length
    console.log(`      after restart: held rows/activations_used per license ${perLicense.join(", ")}; licenses (all ${(await q("SELECT count(*)::int AS n FROM license"))[0].n}) where they disagree: ${mismatches.length}; server-b 5xx/errors ${bErrors}`)
    rows.push({ scenario: "server killed during activation burst", answeredA, byStatus, perLicense, mismatches: mismatches.length, bErrors })
    expect(mismatches.length === 0, `activations_used disagrees with held rows on ${mismatches.length} licenses: ${JSON.stringify(mismatches.slice(0, 5))}`)
    expect(bErrors === 0, `server-b answered ${bErrors} requests with 5xx/errors while server-a died`)
  }
  figures.crash = rows
}
