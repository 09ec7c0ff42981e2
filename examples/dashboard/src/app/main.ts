/**
 * The fleet dashboard, in the browser: the devices of the account, the variables and functions of the
 * selected one (a button per function), and the live events with the connection state. It talks to the
 * Particle API (or the simulator) straight from the page with `ParticleClient.layerFetch`; the server only
 * serves the page and `/config.json` (the API URL and the token to use).
 */
import { ParticleClient, ParticleError } from "@effect-particle/core"
import { callFunction, type Device, getVariable, listDevices } from "@effect-particle/devices"
import { streamWithStatus } from "@effect-particle/events"
import { Duration, Effect, ManagedRuntime, Redacted, Stream } from "effect"

interface Config {
  readonly apiUrl: string
  readonly accessToken: string
}

const platforms: Record<number, string> = {
  6: "Photon",
  10: "Electron",
  12: "Argon",
  13: "Boron",
  23: "B SoM",
  26: "Tracker",
  32: "P2",
  35: "B5 SoM",
  37: "E404X",
  42: "Tracker M"
}

const $ = <E extends HTMLElement = HTMLElement>(id: string): E => document.getElementById(id) as E

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<"className" | "textContent" | "title", string>> & { readonly data?: Record<string, string> } =
    {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag)
  const { data, ...rest } = props
  Object.assign(node, rest)
  for (const [k, v] of Object.entries(data ?? {})) node.dataset[k] = v
  node.append(...children)
  return node
}

/** A typed error as the page shows it: its tag, and Particle's message. */
const errorView = (e: ParticleError.ParticleError) =>
  el("span", { className: "error", textContent: `${e._tag}: ${e.message}`, data: { tag: e._tag } })

const main = async () => {
  const config: Config = await (await fetch("/config.json")).json()
  const runtime = ManagedRuntime.make(
    ParticleClient.layerFetch({ baseUrl: config.apiUrl, accessToken: Redacted.make(config.accessToken) })
  )
  $("api").textContent = config.apiUrl

  const names = new Map<string, string>()
  let selected: string | undefined

  // ------------------------------------------------------------------------------------------- the device view
  const showDevice = (device: Device.DeviceSummary) => {
    selected = device.id
    for (const row of document.querySelectorAll<HTMLElement>("#devices tbody tr")) {
      row.classList.toggle("selected", row.dataset.id === device.id)
    }
    const panel = $("device")
    panel.replaceChildren(
      el("h2", { textContent: device.name ?? device.id }),
      el("p", {
        className: "muted",
        textContent: `${device.id} · ${platforms[device.platform_id] ?? `platform ${device.platform_id}`} · ${
          device.online ? "online" : "offline"
        }`
      })
    )

    const variables = el("table", { className: "variables" })
    const variableNames = Object.keys(device.variables ?? {})
    for (const name of variableNames) {
      const value = el("td", { className: "value", textContent: "…" })
      variables.append(el("tr", { data: { variable: name } }, el("th", { textContent: name }), value))
      runtime.runPromise(Effect.either(getVariable({ deviceId: device.id, name }))).then((r) => {
        value.replaceChildren(r._tag === "Right" ? String(r.right.result) : errorView(r.left))
      })
    }
    panel.append(
      el("h3", { textContent: "Variables" }),
      variableNames.length ? variables : el("p", { className: "muted", textContent: "none" })
    )

    panel.append(el("h3", { textContent: "Functions" }))
    const functions = device.functions ?? []
    if (functions.length === 0) panel.append(el("p", { className: "muted", textContent: "none" }))
    for (const name of functions) {
      const argument = el("input", { title: `argument of ${name}` })
      argument.placeholder = "argument"
      const button = el("button", { textContent: `Call ${name}`, data: { function: name } })
      const result = el("span", { className: "result" })
      button.addEventListener("click", () => {
        button.disabled = true
        result.textContent = "…"
        runtime.runPromise(Effect.either(callFunction({ deviceId: device.id, name, argument: argument.value })))
          .then((r) => {
            button.disabled = false
            result.replaceChildren(r._tag === "Right" ? `→ ${r.right.return_value}` : errorView(r.left))
            result.dataset.state = r._tag === "Right" ? "ok" : "error"
          })
      })
      panel.append(el("div", { className: "function" }, button, argument, result))
    }
  }

  // ----------------------------------------------------------------------------------------------- the devices
  const refresh = () =>
    runtime.runPromise(Effect.either(listDevices())).then((r) => {
      const body = $("devices").querySelector("tbody")!
      if (r._tag === "Left") {
        body.replaceChildren(el("tr", {}, el("td", { className: "error" }, errorView(r.left))))
        return
      }
      const devices = [...r.right].sort((a, b) =>
        Number(b.online) - Number(a.online) || (a.name ?? a.id).localeCompare(b.name ?? b.id)
      )
      body.replaceChildren()
      for (const d of devices) {
        names.set(d.id, d.name ?? d.id)
        const row = el(
          "tr",
          { data: { id: d.id } },
          el(
            "td",
            {},
            el("span", { className: d.online ? "dot online" : "dot", title: d.online ? "online" : "offline" })
          ),
          el("td", { textContent: d.name ?? "(unnamed)" }),
          el("td", { textContent: platforms[d.platform_id] ?? String(d.platform_id) })
        )
        row.addEventListener("click", () => showDevice(d))
        body.append(row)
      }
      const current = devices.find((d) => d.id === selected) ?? devices.find((d) => d.online) ?? devices[0]
      if (current) showDevice(current)
    })
  $("refresh").addEventListener("click", () => void refresh())
  await refresh()

  // ------------------------------------------------------------------------------------------------ the events
  const status = $("status")
  const events = $("events")
  const setStatus = (tag: string, text: string) => {
    status.textContent = text
    status.dataset.status = tag
  }
  runtime.runFork(
    streamWithStatus({ deviceId: "mine" }).pipe(
      Stream.runForEach((item) =>
        Effect.sync(() => {
          switch (item._tag) {
            case "Connecting":
              return setStatus(item._tag, item.attempt === 0 ? "Connecting…" : `Connecting (attempt ${item.attempt})…`)
            case "Connected":
              return setStatus(item._tag, "Live")
            case "Reconnecting":
              return setStatus(item._tag, `Reconnecting in ${Duration.format(item.delay)}: ${item.cause.message}`)
            case "Stopped":
              return setStatus(item._tag, "Stopped")
            case "MalformedEvent":
              return
            case "Event": {
              const row = el(
                "li",
                { data: { event: item.name } },
                el("time", { textContent: item.published_at.toTimeString().slice(0, 8) }),
                el("strong", { textContent: names.get(item.coreid) ?? item.coreid }),
                el("code", { textContent: item.name }),
                el("span", { textContent: item.data ?? "" })
              )
              events.prepend(row)
              while (events.children.length > 50) events.lastElementChild!.remove()
            }
          }
        })
      ),
      Effect.catchAll((e) => Effect.sync(() => setStatus("Failed", `${e._tag}: ${e.message}`)))
    )
  )
}

main().catch((e) => {
  document.body.prepend(el("p", { className: "error", textContent: `The dashboard failed to start: ${String(e)}` }))
})
