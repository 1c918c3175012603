// Reads a server CPU profile of the bench (BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=<dir>") and prints
// where the CPU went, per package or per plugin folder, for chosen windows of the run (docs/performance.md).
//
//   node scripts/bench/cpu-profile-summary.mjs <file.cpuprofile>
//     prints, per second of the run, which route was on the stack most (health, bench-noop, verify, updates):
//     the windows of the scenarios, in the bench's order;
//   node scripts/bench/cpu-profile-summary.mjs <file.cpuprofile> <from>:<to>[:<requests>] ...
//     prints the self time of each group in each window (seconds from the start of the profile), as a share of the
//     window, or in µs per request when the window's request count is given (the bench prints req/s).
import fs from "node:fs"

const [file, ...windows] = process.argv.slice(2)
if (!file) {
  console.error("usage: cpu-profile-summary.mjs <file.cpuprofile> [<from>:<to>[:<requests>] ...]")
  process.exit(2)
}
const profile = JSON.parse(fs.readFileSync(file, "utf8"))
const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id)
let clock = profile.startTime
const times = profile.timeDeltas.map((delta) => (clock += delta))
const second = (i) => Math.floor((times[i] - profile.startTime) / 1e6)

/** The route a sample is serving, from the frames on its stack. */
function route(id) {
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const { url, lineNumber } = nodes.get(x).callFrame
    if (url.includes("commands/start.js") && lineNumber + 1 === 245) return "health"
    const match = url.match(/api\/licenses\/([^/]+)\/(route|update-check)\.js/)
    if (match) return match[1]
  }
  return null
}

/** The package (node_modules), the plugin folder, or V8's own bucket of a frame. */
function group({ url, functionName }) {
  if (!url) return functionName
  const plugin = url.match(/\.medusa\/server\/src\/(.*)\/[^/]+$/)
  if (plugin) return `plugin ${plugin[1]}`
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)
  if (pkg) return pkg[1]
  return url.startsWith("node:") ? `node:${url.slice(5).split("/").slice(0, 2).join("/")}` : url
}

if (!windows.length) {
  const perSecond = {}
  profile.samples.forEach((id, i) => {
    const r = route(id)
    if (r) (perSecond[second(i)] ??= {})[r] = (perSecond[second(i)][r] ?? 0) + 1
  })
  console.log(Object.entries(perSecond).map(([s, counts]) => `${s}:${Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0]}`).join(" "))
  process.exit(0)
}

const columns = windows.map((w) => {
  const [from, to, requests] = w.split(":").map(Number)
  const byGroup = {}
  let total = 0
  profile.samples.forEach((id, i) => {
    const s = (times[i] - profile.startTime) / 1e6
    if (s < from || s >= to) return
    const us = profile.timeDeltas[i] ?? 0
    total += us
    const g = group(nodes.get(id).callFrame)
    byGroup[g] = (byGroup[g] ?? 0) + us
  })
  return { w, byGroup, total, requests }
})
const groups = [...new Set(columns.flatMap((c) => Object.keys(c.byGroup)))]
  .map((g) => [g, Math.max(...columns.map((c) => (c.byGroup[g] ?? 0) / c.total))])
  .filter(([, share]) => share >= 0.005)
  .sort((a, b) => b[1] - a[1])
const cell = (c, us) => (c.requests ? `${(us / c.requests).toFixed(1)} µs` : `${((100 * us) / c.total).toFixed(1)} %`)
console.log("group".padEnd(48) + columns.map((c) => c.w.padStart(18)).join(""))
for (const [g] of groups) console.log(g.padEnd(48) + columns.map((c) => cell(c, c.byGroup[g] ?? 0).padStart(18)).join(""))
console.log("total".padEnd(48) + columns.map((c) => cell(c, c.total).padStart(18)).join(""))
