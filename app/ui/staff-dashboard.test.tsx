// The dashboard's sections as the server renders them: links to each case and need, counts, the
// overdue follow-up told apart in words (not only colour), and an unknown action shown by its code.
import { describe, expect, it } from "vitest";
import { renderPage } from "../../tests/render";
import { CaseCounts, FollowUpList, RecentActivity, StaleNeedList } from "./staff-dashboard";

const caseId = "0b6f3c1e-2a4d-4c1b-9e7f-1234567890ab";

describe("dashboard sections", () => {
  it("link follow-ups to their case and say which are overdue", async () => {
    const html = await renderPage(
      <FollowUpList followUps={{ total: 1, items: [{ id: caseId, caseNumber: "532923-2026-0042", county: "Xiangyun", status: "exited", tier: "severe", due: "November 28, 2026", dueOn: "2026-11-28", overdue: true }] }} />,
    );
    expect(html).toContain(`href="/staff/cases/${caseId}"`);
    expect(html).toContain("Case 532923-2026-0042");
    expect(html).toContain("Overdue since November 28, 2026");
  });

  it("count cases by status and tier, zeros included", async () => {
    const html = await renderPage(
      <CaseCounts
        cases={{
          total: 3,
          byStatus: [
            { status: "registered", count: 0 },
            { status: "exited", count: 3 },
          ],
          byTier: [{ tier: "severe", count: 3 }],
        }}
      />,
      "zh-CN",
    );
    expect(html).toContain("本地区共 3 户。");
    expect(html).toMatch(/<dt[^>]*>已登记<\/dt><dd[^>]*>0<\/dd>/);
  });

  it("list stale needs and recent activity with links, naming actions", async () => {
    const stale = await renderPage(<StaleNeedList staleNeeds={{ total: 1, items: [{ ref: "N-ABCDEFG", title: "电工工作", county: "Xiangyun", published: "Oct 1, 2026", days: 61 }] }} />);
    expect(stale).toContain('href="/staff/needs/N-ABCDEFG"');
    expect(stale).toContain("61 days");
    const activity = await renderPage(
      <RecentActivity
        activity={[
          { id: "1", action: "need.publish", entity: "need", actor: "a@test.xiangyun.invalid", recordId: "N-ABCDEFG", when: "Dec 1, 2026", at: "2026-12-01T00:00:00.000Z", href: "/staff/needs/N-ABCDEFG" },
          { id: "2", action: "ledger.post", entity: "ledger", actor: null, recordId: null, when: "Dec 1, 2026", at: "2026-12-01T00:00:00.000Z", href: null },
        ]}
      />,
    );
    expect(activity).toContain("Need published");
    expect(activity).toContain("Need N-ABCDEFG");
    expect(activity).toContain("ledger.post");
    expect(activity).toContain("Visitor or system");
  });
});
