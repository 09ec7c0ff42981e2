/**
 * Service agreements of users and orgs (seeded; the API only reads them), the usage reports requested on
 * them (`pending` when created, `available` when read; at most 100 per agreement), and their notifications.
 */
import { Sequence } from "../ids.js"

export const MAX_REPORTS_PER_AGREEMENT = 100

export interface ServiceAgreementRecord {
  readonly id: string
  readonly ownerType: "user" | "organization"
  /** The user id or org id. */
  readonly ownerId: string
  readonly attributes: Record<string, unknown>
}

export interface UsageReportRecord {
  readonly id: string
  readonly agreementId: string
  state: "pending" | "available"
  readonly attributes: Record<string, unknown>
}

export interface NotificationRecord {
  readonly id: string
  readonly agreementId: string
  readonly attributes: Record<string, unknown>
}

export class BillingStore {
  private readonly agreements = new Map<string, ServiceAgreementRecord>()
  private readonly reports = new Map<string, UsageReportRecord>()
  private readonly notifications: Array<NotificationRecord> = []
  private readonly reportIds = new Sequence(0)

  addAgreement(a: ServiceAgreementRecord): void {
    this.agreements.set(a.id, a)
  }
  addNotification(n: NotificationRecord): void {
    this.notifications.push(n)
  }

  agreementsOf(ownerType: ServiceAgreementRecord["ownerType"], ownerId: string): Array<ServiceAgreementRecord> {
    return [...this.agreements.values()].filter((a) => a.ownerType === ownerType && a.ownerId === ownerId)
  }

  agreement(id: string): ServiceAgreementRecord | undefined {
    return this.agreements.get(id)
  }

  /** `"full"` when the agreement already has {@link MAX_REPORTS_PER_AGREEMENT} reports. */
  addReport(agreementId: string, attributes: Record<string, unknown>): UsageReportRecord | "full" {
    if ([...this.reports.values()].filter((r) => r.agreementId === agreementId).length >= MAX_REPORTS_PER_AGREEMENT) {
      return "full"
    }
    const id = String(this.reportIds.next((n) => this.reports.has(String(n))))
    const r: UsageReportRecord = { id, agreementId, state: "pending", attributes }
    this.reports.set(id, r)
    return r
  }

  report(id: string): UsageReportRecord | undefined {
    return this.reports.get(id)
  }

  notificationsOf(agreementId: string): Array<NotificationRecord> {
    return this.notifications.filter((n) => n.agreementId === agreementId)
  }
}
