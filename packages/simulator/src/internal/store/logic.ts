/**
 * Logic: functions (code, triggers) per namespace, their runs with logs, and daily run statistics; the
 * schedule of scheduled triggers; and a bounded queue of runs, so no burst of events starts unbounded work.
 * Everything is capped: 20 functions per namespace, 5 triggers per function, the newest 100 runs per function
 * (Particle's documented limits), 30 days of statistics.
 */
import { type Cron, nextRun, parseCron } from "./logic-cron.js"
import type { VmLimits, VmLog } from "./logic-vm.js"

export const MAX_FUNCTIONS_PER_NAMESPACE = 20
export const MAX_TRIGGERS_PER_FUNCTION = 5
export const MAX_RUNS_PER_FUNCTION = 100
const STAT_DAYS = 30

/** The limits every run gets. The real cloud allows 30 s; a local test tool answers faster. */
export const LOGIC_VM_LIMITS: VmLimits = {
  timeLimitMs: 1000,
  maxLogs: 100,
  maxLogBytes: 4096,
  maxPublishes: 10,
  maxMemoryMb: 64
}

export type RunStatus = "Success" | "Failure" | "Timeout"

export interface LogicTriggerRecord {
  readonly id: string
  readonly type: "Event" | "Scheduled"
  enabled: boolean
  version: number
  /** Event triggers: the event name (a prefix, as for integrations). */
  event_name?: string | undefined
  product_id?: number | undefined
  /** Scheduled triggers. */
  cron?: string | undefined
  cronParsed?: Cron | undefined
  start_at?: string | undefined
  end_at?: string | null | undefined
  last_scheduled_at?: string | null | undefined
  /** The next time the trigger fires (ms), undefined when it never will again. */
  nextAt?: number | undefined
}

export interface LogicFunctionRecord {
  readonly id: string
  readonly namespace: string
  /** `user:<id>` or `org:<id>`. */
  readonly ownerId: string
  /** The sandbox owner's username when the function was last written (to publish as that user). */
  ownerUsername: string | undefined
  version: number
  enabled: boolean
  name: string
  description: string
  template_slug: string | null
  code: string
  /** The code as a script (see `logic-vm.ts`). */
  script: string
  readonly created_at: string
  updated_at: string
  readonly created_by: string
  updated_by: string
  triggers: Array<LogicTriggerRecord>
  api_username: string | null
  secrets: Array<string> | null
  use_env: boolean | null
}

export interface LogicRunRecord {
  readonly id: string
  readonly owner_id: string
  readonly logic_function_id: string
  readonly logic_trigger_type: "Event" | "Scheduled"
  readonly logic_trigger_id: string
  readonly status: RunStatus
  readonly started_at: string
  readonly finished_at: string
  readonly log_filename: string
  readonly logs: ReadonlyArray<VmLog>
}

export interface DayStats {
  success: number
  failure: number
  timeout: number
}

/** At most `concurrency` runs at once and `capacity` waiting; beyond that a run is refused. */
export class RunQueue {
  private running = 0
  private readonly waiting: Array<() => Promise<void>> = []

  constructor(private readonly concurrency: number, private readonly capacity: number) {}

  get size(): number {
    return this.running + this.waiting.length
  }

  enqueue(task: () => Promise<void>): boolean {
    if (this.waiting.length >= this.capacity) return false
    this.waiting.push(task)
    this.pump()
    return true
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const task = this.waiting.shift()!
      this.running++
      task().catch(() => undefined).finally(() => {
        this.running--
        this.pump()
      })
    }
  }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, "")

/** When a scheduled trigger fires next, after `afterMs`, within its start and end. */
export const nextFire = (t: LogicTriggerRecord, afterMs: number): number | undefined => {
  if (t.cronParsed === undefined) return undefined
  const start = t.start_at === undefined ? 0 : Date.parse(t.start_at)
  const next = nextRun(t.cronParsed, Math.max(afterMs, start - 1))
  if (next === undefined) return undefined
  const end = t.end_at === undefined || t.end_at === null ? Infinity : Date.parse(t.end_at)
  return next <= end ? next : undefined
}

export { parseCron }

export class LogicStore {
  private readonly functions = new Map<string, LogicFunctionRecord>()
  private readonly runs = new Map<string, Array<LogicRunRecord>>()
  private readonly stats = new Map<string, Map<string, DayStats>>()
  /** Above 0 while an event published by a Logic function is delivered: such events start no Logic runs. */
  publishing = 0
  /** Two runs at a time, 50 waiting. */
  readonly queue = new RunQueue(2, 50)

  all(): Array<LogicFunctionRecord> {
    return [...this.functions.values()]
  }
  inNamespace(namespace: string): Array<LogicFunctionRecord> {
    return this.all().filter((f) => f.namespace === namespace)
  }

  get(namespace: string, id: string): LogicFunctionRecord | undefined {
    const f = this.functions.get(id)
    return f && f.namespace === namespace ? f : undefined
  }

  /** Whether the function still exists (a run that finishes after a delete is not recorded). */
  has(f: LogicFunctionRecord): boolean {
    return this.functions.get(f.id) === f
  }

  add(f: LogicFunctionRecord): void {
    this.functions.set(f.id, f)
  }

  remove(f: LogicFunctionRecord): void {
    this.functions.delete(f.id)
    this.runs.delete(f.id)
    this.stats.delete(f.id)
  }

  recordRun(f: LogicFunctionRecord, run: LogicRunRecord): void {
    if (!this.has(f)) return
    let list = this.runs.get(f.id)
    if (!list) this.runs.set(f.id, list = [])
    list.push(run)
    if (list.length > MAX_RUNS_PER_FUNCTION) list.splice(0, list.length - MAX_RUNS_PER_FUNCTION)
    let days = this.stats.get(f.id)
    if (!days) this.stats.set(f.id, days = new Map())
    const d = day(Date.parse(run.started_at))
    let s = days.get(d)
    if (!s) days.set(d, s = { success: 0, failure: 0, timeout: 0 })
    if (run.status === "Success") s.success++
    else if (run.status === "Timeout") s.timeout++
    else s.failure++
    if (days.size > STAT_DAYS) days.delete(days.keys().next().value!)
  }

  /** Newest first. */
  runsOf(f: LogicFunctionRecord): Array<LogicRunRecord> {
    return [...(this.runs.get(f.id) ?? [])].reverse()
  }

  run(f: LogicFunctionRecord, runId: string): LogicRunRecord | undefined {
    return this.runs.get(f.id)?.find((r) => r.id === runId)
  }

  statsOf(f: LogicFunctionRecord): Array<DayStats & { date: string }> {
    return [...(this.stats.get(f.id)?.entries() ?? [])].map(([date, s]) => ({ date, ...s }))
  }

  today(f: LogicFunctionRecord): DayStats {
    const s = this.stats.get(f.id)?.get(day(Date.now()))
    return { success: s?.success ?? 0, failure: s?.failure ?? 0, timeout: s?.timeout ?? 0 }
  }

  /**
   * The scheduled triggers due at `now` (enabled, of enabled functions), each once however many occurrences
   * were missed; their `last_scheduled_at` and next time move on.
   */
  due(now: number): Array<{ fn: LogicFunctionRecord; trigger: LogicTriggerRecord; at: number }> {
    const out: Array<{ fn: LogicFunctionRecord; trigger: LogicTriggerRecord; at: number }> = []
    for (const fn of this.functions.values()) {
      for (const t of fn.triggers) {
        if (t.type !== "Scheduled" || t.nextAt === undefined || t.nextAt > now) continue
        const at = t.nextAt
        t.last_scheduled_at = new Date(at).toISOString()
        t.nextAt = nextFire(t, now)
        if (fn.enabled && t.enabled) out.push({ fn, trigger: t, at })
      }
    }
    return out
  }
}
