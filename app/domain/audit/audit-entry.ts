// An audit row as the audit page and the export read it (the table is db/schema/audit.ts).

export interface AuditSummary {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
}

export interface AuditEntryRow {
  id: string;
  occurredAt: Date;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  ip: string | null;
  summary: AuditSummary | null;
}
