// Small horizontal bar charts as plain SVG strings (no dependency), one per BENCHMARKS.md section.
//   barChart({ title, unit, groups: [{ title, rows: [{ label, value, kind: "ours" | "peer" | "limit" | "other" }] }] })
// Each group is scaled on its own (its largest value is the full width); values are printed beside the bars.

const COLORS = { ours: "#4f46e5", peer: "#f59e0b", limit: "#10b981", other: "#9ca3af" }
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
const num = (x) =>
  x >= 100 ? Math.round(x).toLocaleString("en-US") : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3)

export const barChart = ({ title, unit, groups, note }) => {
  const W = 760
  const LABEL = 300
  const BAR = W - LABEL - 110
  const ROW = 20
  const out = []
  let y = 34
  out.push(`<text x="10" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`)
  for (const g of groups) {
    const rows = g.rows.filter((r) => Number.isFinite(r.value))
    if (rows.length === 0) continue
    y += 8
    out.push(`<text x="10" y="${y + 12}" font-size="12" font-weight="bold" fill="#374151">${esc(g.title)}</text>`)
    y += 18
    const max = Math.max(...rows.map((r) => r.value)) || 1
    for (const r of rows) {
      const w = Math.max(1, (r.value / max) * BAR)
      out.push(`<text x="${LABEL - 6}" y="${y + 14}" font-size="11" text-anchor="end">${esc(r.label)}</text>`)
      out.push(
        `<rect x="${LABEL}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${
          COLORS[r.kind] ?? COLORS.other
        }"/>`
      )
      out.push(
        `<text x="${(LABEL + w + 5).toFixed(1)}" y="${y + 14}" font-size="11">${esc(num(r.value))} ${
          esc(g.unit ?? unit ?? "")
        }</text>`
      )
      y += ROW
    }
  }
  y += 10
  const legend = [["ours", "effect-particle"], ["peer", "particle-api-js 12.0.3"], ["limit", "the limit (bare)"]]
  legend.forEach(([k, label], i) => {
    out.push(`<rect x="${10 + i * 200}" y="${y}" width="12" height="12" fill="${COLORS[k]}"/>`)
    out.push(`<text x="${26 + i * 200}" y="${y + 10}" font-size="11">${esc(label)}</text>`)
  })
  y += 18
  if (note) {
    out.push(`<text x="10" y="${y + 10}" font-size="10" fill="#6b7280">${esc(note)}</text>`)
    y += 16
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 6}" viewBox="0 0 ${W} ${
    y + 6
  }" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#ffffff"/>\n${out.join("\n")}\n</svg>\n`
}

/** The kind of a client id, for its bar's colour. */
export const kindOf = (id) =>
  id.startsWith("ours")
    ? "ours"
    : id.startsWith("particle-api-js") || id.startsWith("peer")
    ? "peer"
    : id === "node-http" || id === "fetch" || id.startsWith("bare")
    ? "limit"
    : "other"
