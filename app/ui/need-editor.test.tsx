// The editor as the server renders it (the page without JavaScript): the card beside the form is
// built from the submitted values, a PII finding is marked in the text with its kind, and the
// "preview" button is there for browsers that run no script.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { renderPage } from "../../tests/render";
import { needFormSchema } from "../domain/needs/need-form";
import type { PublicNeed } from "../domain/needs/public-need";
import { toPublicNeed } from "../domain/needs/public-need";
import { NeedEditor } from "./need-editor";

const base: PublicNeed = toPublicNeed({
  ref: "N-PREVIEW",
  version: 1,
  category: "living",
  title: "",
  story: "",
  skills: [],
  status: "published",
  targetAmount: null,
  publishedAt: new Date("2026-12-01T00:00:00Z"),
  updatedAt: new Date("2026-12-01T00:00:00Z"),
  caseBirthYear: 1978,
  caseTier: "severe",
  region: { code: "532923", path: ["53", "5329", "532923"], nameZh: "祥云县", nameEn: "Xiangyun" },
});



const values = { category: "job" as const, title: "电工工作", story: "需要一份工作。", skills: "电工", targetAmount: "3000.00" };

describe("the need editor, rendered on the server", () => {
  it("shows the card with the values, the county, age band and amount, and the no-script preview button", async () => {
    const html = await renderPage(<NeedEditor lastResult={null} defaultValue={values} base={base} blocked={null} live={false} canPublish />);
    expect(html).toContain("电工工作");
    expect(html).toContain("Xiangyun");
    expect(html).toContain("¥3,000");
    expect(html).toMatch(/<button[^>]*value="preview"/);
    expect(html).toMatch(/<button[^>]*value="publish"/);
  });

  it("shows the card of what was submitted with the preview button, not of the stored need", async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...values, title: "预览的新标题", targetAmount: "1,250.5", intent: "preview" })) form.set(key, value);
    const lastResult = parseWithZod(form, { schema: needFormSchema }).reply();
    const html = await renderPage(<NeedEditor lastResult={lastResult} defaultValue={values} base={base} blocked={null} live={false} canPublish={false} />, "zh-CN");
    expect(html).toMatch(/<h3[^>]*><a[^>]*>预览的新标题<\/a><\/h3>/);
    expect(html).toContain("¥1,250.50");
    expect(html).toContain("祥云县");
    expect(html).not.toMatch(/<button[^>]*value="publish"/);
  });

  it("marks a finding in the text with its kind, and offers the override", async () => {
    const story = "请拨打 19900001234 联系。";
    const html = await renderPage(
      <NeedEditor
        lastResult={null}
        defaultValue={{ ...values, story }}
        base={base}
        blocked={{ intent: "publish", spans: [{ field: "story", kind: "mobile", start: 4, end: 15 }], texts: { title: values.title, story, skills: "电工", overrideReason: "" } }}
        live={false}
        canPublish
      />,
    );
    expect(html).toMatch(/<mark[^>]*title="mobile number"[^>]*><span class="sr-only">\[mobile number:<\/span>19900001234<span class="sr-only">\]<\/span><\/mark>/);
    expect(html).toContain("Reason for publishing anyway");
    expect(html).toMatch(/<button[^>]*value="publish"[^>]*>Publish anyway<\/button>/);
  });
});
