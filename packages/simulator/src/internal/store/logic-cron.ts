/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC), as Logic's scheduled triggers
 * take them: `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, lists `a,b`, month and weekday names; when
 * both day fields are restricted a day matches either (the usual cron rule). `next` finds the first matching
 * minute after a time, in bounded work.
 */

export interface Cron {
  readonly minutes: ReadonlySet<number>
  readonly hours: ReadonlySet<number>
  readonly days: ReadonlySet<number>
  readonly months: ReadonlySet<number>
  readonly weekdays: ReadonlySet<number>
  /** The day-of-month field starts with `*`. */
  readonly anyDay: boolean
  /** The day-of-week field starts with `*`. */
  readonly anyWeekday: boolean
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

const field = (
  text: string,
  min: number,
  max: number,
  names: ReadonlyArray<string> | undefined,
  nameBase: number
): Set<number> | string => {
  const out = new Set<number>()
  const value = (s: string): number | undefined => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1
    if (i >= 0) return i + nameBase
    return /^\d{1,2}$/.test(s) ? Number(s) : undefined
  }
  for (const part of text.split(",")) {
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d{1,2}))?$/.exec(part)
    if (!m) return `invalid field "${text}"`
    const step = m[2] === undefined ? 1 : Number(m[2])
    if (step < 1) return `invalid step in "${text}"`
    let lo = min
    let hi = max
    if (m[1] !== "*") {
      const [a, b] = m[1]!.split("-")
      const va = value(a!)
      const vb = b === undefined ? (m[2] === undefined ? va : max) : value(b)
      if (va === undefined || vb === undefined) return `invalid value in "${text}"`
      lo = va
      hi = vb
    }
    if (lo < min || hi > max || lo > hi) return `value out of range in "${text}" (${min}-${max})`
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return out
}

/** Parses an expression, or says why it is not one. */
export const parseCron = (expr: string): Cron | string => {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 5) return "must have 5 fields: minute hour day-of-month month day-of-week"
  const minutes = field(parts[0]!, 0, 59, undefined, 0)
  const hours = field(parts[1]!, 0, 23, undefined, 0)
  const days = field(parts[2]!, 1, 31, undefined, 0)
  const months = field(parts[3]!, 1, 12, MONTHS, 1)
  const weekdays = field(parts[4]!, 0, 7, WEEKDAYS, 0)
  for (const f of [minutes, hours, days, months, weekdays]) if (typeof f === "string") return f
  const wd = weekdays as Set<number>
  if (wd.has(7)) wd.add(0)
  return {
    minutes: minutes as Set<number>,
    hours: hours as Set<number>,
    days: days as Set<number>,
    months: months as Set<number>,
    weekdays: wd,
    anyDay: parts[2]!.startsWith("*"),
    anyWeekday: parts[4]!.startsWith("*")
  }
}

const dayMatches = (c: Cron, d: Date): boolean => {
  const dom = c.days.has(d.getUTCDate())
  const dow = c.weekdays.has(d.getUTCDay())
  // as cron does: when either day field starts with `*` both must match, otherwise either may
  return c.anyDay || c.anyWeekday ? dom && dow : dom || dow
}

/** The first matching minute strictly after `afterMs`, within five years; undefined when there is none. */
export const nextRun = (c: Cron, afterMs: number): number | undefined => {
  const d = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000)
  const limit = afterMs + 5 * 366 * 86_400_000
  while (d.getTime() <= limit) {
    if (!c.months.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1)
      d.setUTCHours(0, 0, 0, 0)
      continue
    }
    if (!dayMatches(c, d)) {
      d.setUTCDate(d.getUTCDate() + 1)
      d.setUTCHours(0, 0, 0, 0)
      continue
    }
    if (!c.hours.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0)
      continue
    }
    if (!c.minutes.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0)
      continue
    }
    return d.getTime()
  }
  return undefined
}
