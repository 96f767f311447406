// The benchmark floor (DESIGN §8): a bare route in the same build that renders 20 need cards from
// constants with no I/O, so search throughput can be quoted as a ratio to it on a noisy machine.
// It exists only when BENCH_ROUTES=true; otherwise it is an ordinary 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { PublicNeed } from "../domain/needs/public-need";
import { NeedCard } from "../ui/need-card";

const NEED: PublicNeed = {
  ref: "N-FL00R00",
  version: 1,
  category: "job",
  title: "有十年水电安装经验，腿伤后需要一份不用久站的工作",
  story: "家里三口人，孩子上初中。腿部受伤后不能再上工地，希望找一份维修或值班类的工作，离家近一些。",
  skills: ["水电工", "电工"],
  status: "published",
  regionCode: "532923",
  regionPath: ["53", "5329", "532923"],
  provinceCode: "53",
  prefectureCode: "5329",
  regionName: { zh: "祥云县", en: "Xiangyun County" },
  ageBand: "40-49",
  urgency: "sudden",
  targetAmount: null,
  hasTargetAmount: false,
  publishedMonth: "2026-11",
  updatedMonth: "2026-11",
};
const NEEDS = Array.from({ length: 20 }, (_, i) => ({ need: { ...NEED, ref: `N-FL00R${String(i).padStart(2, "0")}` }, amountLabel: null }));

export function loader(_args: LoaderFunctionArgs) {
  if (process.env.BENCH_ROUTES !== "true") throw new Response("Not Found", { status: 404 });
  return { needs: NEEDS };
}

export default function BenchFloor() {
  const { needs } = useLoaderData<typeof loader>();
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {needs.map(({ need, amountLabel }) => (
        <li key={need.ref}>
          <NeedCard need={need} amountLabel={amountLabel} />
        </li>
      ))}
    </ul>
  );
}
