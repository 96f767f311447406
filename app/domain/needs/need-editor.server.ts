// What the need editor reads: a case or need of the actor's region — the scope is in the
// SQL, so another county's id finds nothing — with the case facts its public card is built from.
// No identity column is selected here; the PII guard reads those itself (pii-check.server.ts).
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import type { Actor } from "../auth/actor";
import { canPublishForCase } from "../cases/case-status";
import type { CaseStatus, CaseTier } from "../cases/case-vocabulary";
import type { RegionDirectory } from "../regions/region-directory.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import type { NeedStatus } from "./need-category";
import type { NeedContent } from "./need-form";
import { PREVIEW_REF } from "./need-preview";
import type { PublicNeed } from "./public-need";
import { toPublicNeed } from "./public-need";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the editor knows of a need's case: enough to build its card and decide on publishing. */
export interface EditorCase {
  id: string;
  organisationId: string;
  regionCode: string;
  status: CaseStatus;
  consent: boolean;
  birthYear: number;
  tier: CaseTier;
}

export interface EditorNeed extends NeedContent {
  id: string;
  ref: string;
  status: NeedStatus;
  version: number;
  publishedAt: Date | null;
}

const caseColumns = {
  id: cases.id,
  organisationId: cases.organisationId,
  regionCode: cases.regionCode,
  status: cases.status,
  consent: cases.consent,
  birthYear: cases.birthYear,
  tier: cases.tier,
};

/** A case of the actor's region, or null (also for a malformed id). */
export async function getCaseForNeedEditor(options: { db: Database; actor: Actor; caseId: string }): Promise<EditorCase | null> {
  const scope = regionScope(options.actor, "write-cases");
  if (!UUID.test(options.caseId)) return null;
  const [row] = await options.db
    .select(caseColumns)
    .from(cases)
    .where(and(eq(cases.id, options.caseId), inRegionScope(cases.regionCode, scope)));
  return row ?? null;
}

/** A need of the actor's region in any status, with its case, or null. */
export async function getNeedForEditor(options: { db: Database; actor: Actor; ref: string }): Promise<{ need: EditorNeed; case: EditorCase } | null> {
  const scope = regionScope(options.actor, "write-cases");
  const [row] = await options.db
    .select({
      need: {
        id: needs.id,
        ref: needs.ref,
        status: needs.status,
        version: needs.version,
        publishedAt: needs.publishedAt,
        category: needs.category,
        title: needs.title,
        story: needs.story,
        skills: needs.skills,
        targetAmount: needs.targetAmount,
      },
      case: caseColumns,
    })
    .from(needs)
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .where(and(eq(needs.ref, options.ref), inRegionScope(needs.regionCode, scope)));
  return row ?? null;
}

/** Why a case's needs cannot be published now, or null when they can (DESIGN §3.4). */
export function publishRefusal(found: Pick<EditorCase, "status" | "consent">): "no-consent" | "case-status" | null {
  if (canPublishForCase(found.status, found.consent)) return null;
  return found.consent ? "case-status" : "no-consent";
}

/**
 * The public card of a need of this case as it would be published now, built by the one
 * projection (toPublicNeed) from the case's county, birth year and tier. The content is the
 * need's, or empty for a new one; the editor lays what is typed over it (need-preview.ts).
 */
export function previewBase(options: { found: EditorCase; need: EditorNeed | null; regions: RegionDirectory; now?: Date }): PublicNeed {
  const now = options.now ?? new Date();
  const county = options.regions.get(options.found.regionCode);
  const need = options.need;
  return toPublicNeed(
    {
      ref: need?.ref ?? PREVIEW_REF,
      version: need?.version ?? 1,
      category: need?.category ?? "living",
      title: need?.title ?? "",
      story: need?.story ?? "",
      skills: need?.skills ?? [],
      status: need?.status === "matched" ? "matched" : "published",
      targetAmount: need?.targetAmount ?? null,
      publishedAt: need?.publishedAt ?? now,
      updatedAt: now,
      caseBirthYear: options.found.birthYear,
      caseTier: options.found.tier,
      region: {
        code: options.found.regionCode,
        path: options.regions.trail(options.found.regionCode).map((r) => r.code),
        nameZh: county?.nameZh ?? options.found.regionCode,
        nameEn: county?.nameEn ?? "",
      },
    },
    now,
  );
}
