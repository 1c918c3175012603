// `medusa exec` script of `npm run bench:lifecycle` (copied next to the built
// server as bench-run-reminder-job.js): ONE run of the built renewal-reminder
// job, the way Medusa's scheduler calls it (the job's default export with the
// container), timed here, with the database pool's size, written as JSON to
// BENCH_JOB_OUTPUT.
const fs = require("node:fs")
const path = require("node:path")
const { performance } = require("node:perf_hooks")

exports.default = async function runReminderJob({ container }) {
  const job = require(path.join(process.cwd(), "src/jobs/send-license-renewal-reminders.js")).default
  const pool = container.resolve("__pg_connection__").client.pool
  if (process.env.BENCH_JOB_READY) fs.writeFileSync(process.env.BENCH_JOB_READY, "ready")
  const started = performance.now()
  const sent = await job(container)
  const ms = performance.now() - started
  fs.writeFileSync(process.env.BENCH_JOB_OUTPUT, JSON.stringify({ ms, sent: sent.length, poolMin: pool.min, poolMax: pool.max }))
}
