// 5. brute force: 5,000 random well-formed keys from one IP, valid verifies
// from other IPs during the attack, against the same during an equal volume of
// valid verifies of 32 other licenses (the control).
import fs from "node:fs"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { freshIp, percentile, pool } from "../http.mjs"
import { createLicenses, expect, figures, keys, processes, redis, servers, tally, verify } from "../setup.mjs"

/** CPU seconds used so far by each of our process groups (and this process), from /proc. */
function cpuSnapshot() {
  const groups = new Map([[process.pid, "client"]])
  for (const [name, proc] of processes) groups.set(proc.group.child.pid, name)
  if (redis) groups.set(redis.child.pid, "redis")
  const out = { client: 0, "server-a": 0, "server-b": 0, worker: 0, redis: 0, postgres: 0, other: 0 }
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    let stat
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
    } catch {
      continue
    }
    const close = stat.lastIndexOf(")")
    const comm = stat.slice(stat.indexOf("(") + 1, close)
    const fields = stat.slice(close + 2).split(" ")
    const pgid = Number(fields[2])
    const ticks = Number(fields[11]) + Number(fields[12])
    const name = Number(entry) === process.pid ? "client" : groups.get(pgid) ?? (comm.startsWith("postgres") ? "postgres" : "other")
    out[name] += ticks / 100
  }
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number)
  out.busy = (user + nice + system + irq + softirq + steal) / 100
  out.idle = (idle + iowait) / 100
  return out
}
const cpuDelta = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, +(b[k] - a[k]).toFixed(2)]))

/**
 * Runs `tasks` with `concurrency` in flight while probing valid verifies (4 in
 * flight) until they are done; returns the probe results and the phase's costs.
 */
async function loadPhase(tasks, concurrency, probe, name = "phase") {
  const t0 = process.hrtime.bigint() / 1000n
  const lag = monitorEventLoopDelay({ resolution: 5 })
  lag.enable()
  const cpu0 = cpuSnapshot()
  const started = Date.now()
  let done = false
  const load = pool(tasks, concurrency).then((results) => ((done = true), results))
  const probes = []
  while (!done) probes.push(...(await probe(20, 4)))
  const results = await load
  const ms = Date.now() - started
  lag.disable()
  if (process.env.CLUSTER_CPU_PROF) console.log(`  [prof] ${name} monotonic us ${t0} .. ${process.hrtime.bigint() / 1000n}`)
  const cpu = cpuDelta(cpu0, cpuSnapshot())
  return { results, probes, ms, cpu, lagP50: lag.percentile(50) / 1e6, lagP99: lag.percentile(99) / 1e6 }
}

export async function checkBrute(attempts = 5_000, rounds = 5) {
  const [a, b] = servers()
  const licenses = await createLicenses([0])
  const good = licenses[0]
  const goodIps = Array.from({ length: 40 }, () => freshIp())
  // warm: each good client activates its domain once
  await Promise.all(goodIps.map((ip, i) => verify(i % 2 ? b : a, { license_key: good.key, domain: `good-${i}.cluster.example` }, ip)))
  const probe = async (n, concurrency) => {
    const tasks = Array.from({ length: n }, (_, i) => () => verify(i % 2 ? b : a, { license_key: good.key, domain: `good-${i % 40}.cluster.example` }, goodIps[i % 40]))
    return pool(tasks, concurrency)
  }
  // Control clients: 32 other IPs, each with its own license (distinct keys, as
  // the attack's are), activated once so the control is the hot path too.
  const controlLicenses = await createLicenses(Array.from({ length: 32 }, () => 0))
  const controlIps = Array.from({ length: 32 }, () => freshIp())
  await Promise.all(controlIps.map((ip, i) => verify(i % 2 ? b : a, { license_key: controlLicenses[i].key, domain: `control-${i}.cluster.example` }, ip)))

  const guess = (from) => (i) => verify(i % 2 ? b : a, { license_key: keys.formatLicenseKey(keys.generateKeyBody(), "CP"), domain: "brute.example" }, from)
  const controlOne = (i) => verify(i % 2 ? b : a, { license_key: controlLicenses[i % 32].key, domain: `control-${i % 32}.cluster.example` }, controlIps[i % 32])
  const tasks = (from, to, send) => Array.from({ length: to - from }, (_, i) => () => send(from + i))

  // Warm-up, so that neither phase pays for the servers' first JIT compilation:
  // both paths (a blocked IP's 429s, valid verifies), then the idle probe.
  const warm = await loadPhase([...tasks(0, 1000, guess(freshIp())), ...tasks(0, 1000, controlOne)].sort(() => Math.random() - 0.5), 32, probe, "warm-up")
  const cpu0 = cpuSnapshot()
  const baseline = await probe(300, 4)
  const idleCpu = cpuDelta(cpu0, cpuSnapshot())

  // Attack and control alternate in rounds, so drifts in the shared machine's
  // load hit both alike. All rounds must fit in one rate-limit window (checked
  // below), so the attacker's budget is counted once.
  const attacker = freshIp()
  const attack = [], control = []
  const perRound = attempts / rounds
  const attackStarted = Date.now()
  for (let round = 0; round < rounds; round++) {
    attack.push(await loadPhase(tasks(round * perRound, (round + 1) * perRound, guess(attacker)), 32, probe, `attack ${round}`))
    if (round < rounds - 1 || rounds === 1) control.push(await loadPhase(tasks(round * perRound, (round + 1) * perRound, controlOne), 32, probe, `control ${round}`))
  }
  const attackSpanMs = Date.now() - attackStarted
  if (rounds > 1) control.push(await loadPhase(tasks((rounds - 1) * perRound, attempts, controlOne), 32, probe, `control ${rounds - 1}`))
  const merge = (phases) => ({
    results: phases.flatMap((x) => x.results),
    probes: phases.flatMap((x) => x.probes),
    ms: phases.reduce((s, x) => s + x.ms, 0),
    cpu: Object.fromEntries(Object.keys(phases[0].cpu).map((k) => [k, +phases.reduce((s, x) => s + x.cpu[k], 0).toFixed(2)])),
    lagP50: Math.max(...phases.map((x) => x.lagP50)),
    lagP99: Math.max(...phases.map((x) => x.lagP99)),
    p50s: phases.map((x) => p(x.probes, 50)),
  })
  const ok = (rs) => rs.filter((r) => r.status === 200 && r.json?.code === "valid")
  const p = (rs, q) => percentile(ok(rs).map((r) => r.ms), q)
  const attackAll = merge(attack), controlAll = merge(control)
  const attackCodes = tally(attackAll.results.map((r) => (r.status === 200 ? r.json?.code : `HTTP ${r.status}`)))
  const found = attackAll.results.filter((r) => r.status === 200 && r.json?.code === "valid").length
  const p50Before = p(baseline, 50)
  const p50During = p(attackAll.probes, 50)
  const p99During = p(attackAll.probes, 99)
  const p50Control = p(controlAll.probes, 50)
  const ratio = p50During / p50Before
  const notFound = attackCodes.not_found ?? 0
  const limited = attackCodes["HTTP 429"] ?? 0
  const budget = Number(process.env.LICENSE_VERIFY_RATE_LIMIT_MAX || 20)
  const windowMs = 1000 * Number(process.env.LICENSE_VERIFY_RATE_LIMIT_WINDOW_SECONDS || 60)
  const goodFailures = attackAll.probes.length - ok(attackAll.probes).length
  const controlValid = ok(controlAll.results).length
  const describe = (name, phase) => {
    const servers = phase.cpu["server-a"] + phase.cpu["server-b"]
    console.log(`  ${name}: ${phase.results.length} requests in ${phase.ms} ms (${Math.round((phase.results.length * 1000) / phase.ms)}/s) + ${phase.probes.length} probes; probe p50 ${p(phase.probes, 50).toFixed(1)} ms p90 ${p(phase.probes, 90).toFixed(1)} ms${phase.p50s ? ` (rounds ${phase.p50s.map((x) => x.toFixed(1)).join(", ")})` : ""}; load-request p50 ${percentile(phase.results.map((r) => r.ms), 50).toFixed(1)} ms; client event-loop delay p50 ${phase.lagP50.toFixed(1)} ms p99 ${phase.lagP99.toFixed(1)} ms`)
    console.log(`    CPU s ${JSON.stringify(phase.cpu)}; servers ${((servers * 1000) / (phase.results.length + phase.probes.length)).toFixed(2)} ms CPU per request, client ${((phase.cpu.client * 1000) / (phase.results.length + phase.probes.length)).toFixed(2)} ms`)
  }
  figures.brute = { attempts, attackMs: attackAll.ms, attackCodes, found, budget, notFound, limited, validDuring: ok(attackAll.probes).length, goodFailures, p50Before, p50During, p99During, ratio, controlMs: controlAll.ms, p50Control, controlRatio: p50Control / p50Before, attackSpanMs, attackCpu: attackAll.cpu, controlCpu: controlAll.cpu }
  console.log(`  ${attempts} random keys from ${attacker} over both servers in ${rounds} rounds, ${attackAll.ms} ms (first to last ${attackSpanMs} ms, with ${rounds - 1} control rounds between): ${JSON.stringify(attackCodes)}; keys found ${found}`)
  console.log(`  budget ${budget} failed look-ups per window: ${notFound} answered not_found, then ${limited} rate-limited`)
  console.log(`  idle: probe p50 ${p50Before.toFixed(1)} ms; CPU s ${JSON.stringify(idleCpu)}`)
  describe("warm-up", warm)
  describe("attack", attackAll)
  describe("control (32 licenses)", controlAll)
  console.log(`  valid verifies from 40 other IPs: p50 before ${p50Before.toFixed(1)} ms, during ${p50During.toFixed(1)} ms (p99 ${p99During.toFixed(1)} ms); ratio ${ratio.toFixed(2)}; not valid ${goodFailures}; control p50 ${p50Control.toFixed(1)} ms; attack/control ${(p50During / p50Control).toFixed(2)}`)
  expect(found === 0, `${found} keys found`)
  expect(attackSpanMs < windowMs, `the attack's rounds took ${attackSpanMs} ms, more than one rate-limit window (${windowMs} ms): its budget is counted more than once`)
  expect(notFound === budget, `${notFound} look-ups answered before the limit, budget ${budget}`)
  expect(limited === attempts - budget, `${limited} rate-limited, expected ${attempts - budget}`)
  expect(goodFailures === 0, `${goodFailures} valid verifies from other IPs failed during the attack`)
  expect(controlValid === attempts, `${attempts - controlValid} control verifies were not valid`)
  expect(p50During <= 1.5 * p50Control, `valid-verify p50 during the attack ${p50During.toFixed(1)} ms is over 1.5x the p50 under equal valid traffic (${p50Control.toFixed(1)} ms)`)
}
