// The import steps as the server renders them: every control labelled, the guessed columns
// chosen, each row's problems in the page's language, and only the token and mapping carried on.
import { createInstance } from "i18next";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { i18nConfig } from "../i18n/config";
import { ALL_NAMESPACES, allResources } from "../i18n/resources.server";
import { MapStep, PreviewStep, UploadStep } from "./household-import-steps";

async function render(element: ReactElement, lng: "en" | "zh-CN" = "en"): Promise<string> {
  const handler = createStaticHandler([{ path: "/staff/households/import", element }]);
  const context = await handler.query(new Request("http://localhost:3000/staff/households/import"));
  if (context instanceof Response) throw new Error("unexpected response");
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng, ns: [...ALL_NAMESPACES], resources: allResources });
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

const TOKEN = `${"a".repeat(32)}.${"B".repeat(43)}`;
const columns = ["姓名", "身份证号", "手机"].map((header, index) => ({ index, letter: String.fromCharCode(65 + index), header }));
const none = { name: "", idNumber: "", phone: "", address: "", birthYear: "", sex: "", householdSize: "", monthlyIncomePerHead: "", causes: "", tier: "", county: "", consent: "" };

describe("household import steps", () => {
  it("upload: a labelled file input that takes .xlsx and .csv, posted as multipart", async () => {
    const html = await render(<UploadStep lastResult={{ status: "error", error: { file: ["householdImport:errors.tooLarge"] } }} />);
    expect(html).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"/i);
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>Sheet file<\/label>[\s\S]*<input[^>]*id="\1"[^>]*type="file"/);
    expect(html).toContain('accept=".xlsx,.csv,');
    expect(html).toContain("The file is larger than 5 MB.");
  });

  it("map: one labelled select per field with the guessed column chosen", async () => {
    const html = await render(<MapStep token={TOKEN} fileName="户.xlsx" rowCount={2} columns={columns} defaults={{ ...none, name: "0", idNumber: "1" }} result={null} countyRequired={false} />, "zh-CN");
    expect(html.match(/<select/g)).toHaveLength(12);
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>户主姓名<\/label>[\s\S]*?<select[^>]*id="\1"/);
    expect(html).toMatch(/<option value="0" selected="">A: 姓名<\/option>/);
    expect(html).toMatch(/<option value="1" selected="">B: 身份证号<\/option>/);
    expect(html).toContain(`name="token" value="${TOKEN}"`);
    expect(html).toContain("户.xlsx：共 2 行家庭数据。");
  });

  it("preview: each row's problems in words, the masked ID, and the mapping in hidden fields", async () => {
    const html = await render(
      <PreviewStep
        token={TOKEN}
        fileName="户.xlsx"
        mapping={{ ...none, name: "0", idNumber: "1" }}
        mapped={[{ field: "name", column: columns[0] ?? { index: 0, letter: "A", header: "" } }]}
        counts={{ new: 1, update: 0, unchanged: 0, error: 1 }}
        rows={[
          { line: 2, name: "测试甲", maskedId: "5329**********1234", outcome: "new", problems: [] },
          { line: 3, name: "测试乙", maskedId: "5329**********9999", outcome: "error", problems: [{ field: "idNumber", key: "householdImport:errors.idHeld", values: { union: "宾川县总工会" } }, { field: null, text: "an English rule" }] },
        ]}
        hiddenRows={0}
      />,
    );
    expect(html).toContain("2 rows: 1 new, 0 to update, 0 unchanged, 1 with problems.");
    expect(html).toContain("Resident ID number: This resident ID is already registered with 宾川县总工会.");
    expect(html).toContain("<li>an English rule</li>");
    expect(html).toContain("5329**********9999");
    expect(html).toContain('<input type="hidden" name="columns.idNumber" value="1"/>');
    expect(html).toMatch(/<button type="submit" name="intent" value="import"[^>]*>Import 1 row<\/button>/);
  });
});
