/**
 * `pnpm dashboard`: the fleet dashboard on 127.0.0.1. With no `PARTICLE_ACCESS_TOKEN` it runs against the
 * embedded simulator; with one, against `PARTICLE_API_URL` (default the real cloud), straight from the page
 * (the token is handed to the page by `/config.json`, on 127.0.0.1 only). `--port N` picks the port.
 */
import { startDashboard } from "./server.js"

const portFlag = process.argv.indexOf("--port")
const port = portFlag >= 0 ? Number(process.argv[portFlag + 1]) : 0
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error("--port needs a port number (0-65535)")
  process.exit(2)
}
const token = process.env.PARTICLE_ACCESS_TOKEN
const dashboard = await startDashboard({
  port,
  ...(token ? { accessToken: token, apiUrl: process.env.PARTICLE_API_URL ?? "https://api.particle.io" } : {})
})
console.log(`Fleet dashboard: ${dashboard.url}`)
console.log(dashboard.simulator ? `API: the embedded simulator at ${dashboard.apiUrl}` : `API: ${dashboard.apiUrl}`)
console.log("Ctrl-C stops it.")
const stop = () => {
  void dashboard.close().then(() => process.exit(0))
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
