// A small world for the provider's side of matching: Xiangyun households with published electrician
// needs, a verified employer with offers that fit a need and offers that break one hard rule each,
// another verified employer, a training school still waiting for verification, and the people of
// each (plus the Xiangyun union's caseworker and a donor).
import type { DatabaseHandle } from "../db/client.server";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import type { TestUser } from "./accounts";
import { createTestUser } from "./accounts";
import { fakeCase, fakeDocument, fakeOffer } from "./factories";
import { createTestCipher } from "./identity";

export interface ProviderMatchFixture {
  needs: Record<string, string>;
  offers: Record<string, string>;
  households: { name: string; idNumber: string; phone: string; address: string }[];
  people: {
    employerMember: TestUser;
    employerAdmin: TestUser;
    otherEmployerMember: TestUser;
    pendingSchoolMember: TestUser;
    caseworker: TestUser;
    donor: TestUser;
  };
}

export async function seedProviderMatchFixture(handle: DatabaseHandle): Promise<ProviderMatchFixture> {
  const document = fakeDocument({ cases: 0, offers: 0 });
  const cases = Array.from({ length: 8 }, (_, i) => fakeCase(i + 1));
  document.cases = cases;
  document.organisations = [
    ...(document.organisations ?? []),
    { key: "other-employer", kind: "employer", name: "另一家测试建材公司", region: "5329" },
    { key: "pending-school", kind: "training", name: "待审核的测试培训学校", region: "532923", verified: false },
  ];
  document.offers = [
    fakeOffer(1, { title: "招聘水电工（大理）", capacity: 10 }),
    fakeOffer(2, { title: "招聘水电工（昆明）", regions: ["5301"] }),
    fakeOffer(3, { title: "劳动争议法律咨询", category: "legal" }),
    fakeOffer(4, { title: "暂停招聘的岗位", status: "paused" }),
    fakeOffer(5, { organisation: "other-employer", title: "另一家公司的水电工岗位" }),
    fakeOffer(6, { organisation: "pending-school", category: "training", title: "待审核学校的电工课程", regions: ["532923"], status: "draft" }),
    fakeOffer(7, { title: "只剩一个名额的电工岗位", capacity: 1 }),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const { db } = handle;
  const [employerMember, employerAdmin, otherEmployerMember, pendingSchoolMember, caseworker, donor] = await Promise.all([
    createTestUser(db, { organisation: "dali-employer", role: "member" }),
    createTestUser(db, { organisation: "dali-employer", role: "admin" }),
    createTestUser(db, { organisation: "other-employer", role: "member" }),
    createTestUser(db, { organisation: "pending-school", role: "admin" }),
    createTestUser(db, { organisation: "xy-union", role: "caseworker" }),
    createTestUser(db),
  ]);
  return {
    needs: imported.result.needs,
    offers: imported.result.offers,
    households: cases.map((c) => ({ name: c.head.name, idNumber: c.head.idNumber, phone: c.head.phone, address: c.head.address })),
    people: { employerMember, employerAdmin, otherEmployerMember, pendingSchoolMember, caseworker, donor },
  };
}

/** The reference of an imported need or offer by its key; throws when it is missing. */
export function refOf(map: Record<string, string>, key: string): string {
  const found = map[key];
  if (!found) throw new Error(`no reference for ${key}`);
  return found;
}
