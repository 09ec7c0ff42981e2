/**
 * The part of Mustache that Particle's webhook templates use: `{{name}}` (HTML-escaped: `& < > " '`),
 * `{{{name}}}` and `{{&name}}` (raw), dotted names with array indexes (`results.0.elevation`), `{{.}}`,
 * sections `{{#name}}…{{/name}}` (skipped when falsy or empty, repeated over an array, entered for any
 * other value but a boolean), inverted sections `{{^name}}…{{/name}}`, and comments `{{! … }}`. Values are written as
 * mustache.js writes them (`String(value)`; `null` and `undefined` as nothing). Bounded: a template or
 * an output larger than the limits, or sections nested too deep, is a `TemplateError`.
 */

export class TemplateError extends Error {}

const MAX_TEMPLATE = 64 * 1024
const MAX_OUTPUT = 1024 * 1024
const MAX_DEPTH = 32

type Node =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "var"; readonly name: string; readonly escape: boolean }
  | { readonly kind: "section"; readonly name: string; readonly inverted: boolean; readonly children: Array<Node> }

const parse = (template: string): Array<Node> => {
  if (template.length > MAX_TEMPLATE) throw new TemplateError(`template longer than ${MAX_TEMPLATE} characters`)
  const root: Array<Node> = []
  const stack: Array<{ name: string; nodes: Array<Node> }> = [{ name: "", nodes: root }]
  let i = 0
  while (i < template.length) {
    const open = template.indexOf("{{", i)
    const nodes = stack[stack.length - 1]!.nodes
    if (open === -1) {
      nodes.push({ kind: "text", text: template.slice(i) })
      break
    }
    if (open > i) nodes.push({ kind: "text", text: template.slice(i, open) })
    const triple = template.startsWith("{{{", open)
    const close = template.indexOf(triple ? "}}}" : "}}", open + (triple ? 3 : 2))
    if (close === -1) throw new TemplateError(`unclosed tag at character ${open}`)
    const inner = template.slice(open + (triple ? 3 : 2), close).trim()
    i = close + (triple ? 3 : 2)
    if (triple) {
      nodes.push({ kind: "var", name: inner, escape: false })
      continue
    }
    const sigil = inner[0]
    const name = inner.slice(1).trim()
    switch (sigil) {
      case "!":
        break
      case "&":
        nodes.push({ kind: "var", name, escape: false })
        break
      case "#":
      case "^": {
        if (stack.length > MAX_DEPTH) throw new TemplateError(`sections nested deeper than ${MAX_DEPTH}`)
        const section: Node = { kind: "section", name, inverted: sigil === "^", children: [] }
        nodes.push(section)
        stack.push({ name, nodes: section.children })
        break
      }
      case "/": {
        const top = stack.pop()!
        if (stack.length === 0 || top.name !== name) throw new TemplateError(`unexpected {{/${name}}}`)
        break
      }
      case ">":
        break // partials: none exist
      default:
        nodes.push({ kind: "var", name: inner, escape: true })
    }
  }
  if (stack.length > 1) throw new TemplateError(`unclosed section {{#${stack[stack.length - 1]!.name}}}`)
  return root
}

const own = (value: unknown, key: string): unknown => {
  if (value === null || typeof value !== "object") return undefined
  if (Array.isArray(value)) {
    if (key === "length") return value.length
    return /^\d+$/.test(key) ? value[Number(key)] : undefined
  }
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined
}

const hasKey = (value: unknown, key: string): boolean =>
  value !== null && typeof value === "object" &&
  (Array.isArray(value) ? /^\d+$/.test(key) && Number(key) < value.length : Object.hasOwn(value, key))

/** Resolves a (dotted) name against the context stack, innermost first. */
const lookup = (stack: ReadonlyArray<unknown>, name: string): unknown => {
  if (name === ".") return stack[stack.length - 1]
  const [head, ...rest] = name.split(".")
  for (let i = stack.length - 1; i >= 0; i--) {
    if (!hasKey(stack[i], head!)) continue
    let value = own(stack[i], head!)
    for (const key of rest) value = own(value, key)
    return value
  }
  return undefined
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\"": "&quot;",
  "'": "&#39;"
}
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

const show = (value: unknown): string => (value === null || value === undefined ? "" : String(value))

const falsy = (value: unknown) =>
  value === null || value === undefined || value === false || value === "" || value === 0 ||
  (Array.isArray(value) && value.length === 0)

/**
 * Renders `template` with `view` (the innermost context) over `base` contexts (looked up after it).
 */
export const render = (template: string, view: unknown, ...base: ReadonlyArray<unknown>): string => {
  const nodes = parse(template)
  let size = 0
  const out: Array<string> = []
  const write = (s: string) => {
    size += s.length
    if (size > MAX_OUTPUT) throw new TemplateError(`rendered output larger than ${MAX_OUTPUT} characters`)
    out.push(s)
  }
  const walk = (list: ReadonlyArray<Node>, stack: ReadonlyArray<unknown>): void => {
    for (const node of list) {
      if (node.kind === "text") write(node.text)
      else if (node.kind === "var") {
        const text = show(lookup(stack, node.name))
        write(node.escape ? escapeHtml(text) : text)
      } else {
        const value = lookup(stack, node.name)
        if (node.inverted) {
          if (falsy(value)) walk(node.children, stack)
        } else if (!falsy(value)) {
          if (Array.isArray(value)) { for (const item of value) walk(node.children, [...stack, item]) }
          else walk(node.children, typeof value === "boolean" ? stack : [...stack, value])
        }
      }
    }
  }
  walk(nodes, [...[...base].reverse(), view])
  return out.join("")
}
