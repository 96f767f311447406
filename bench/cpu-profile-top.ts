// The top entries of a V8 .cpuprofile by self time and by total time (time with a function on the
// stack, each sample counted once per function however deep the recursion), functions named by
// file:line relative to the repository; self time by package (node_modules/<name>, a file of ours,
// node's internals); and with --callers <text>, the callers of the functions whose name contains it,
// by the time spent below them. Prints JSON.
//   node --import tsx bench/cpu-profile-top.ts /tmp/floor.cpuprofile [--top 30] [--callers matchRoutes]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "30" }, callers: { type: "string" } } });
const file = positionals[0];
if (!file) throw new Error("usage: bench/cpu-profile-top.ts <file.cpuprofile> [--top N]");
const top = Number(values.top);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile; // V8's profile format.
const root = new URL("..", import.meta.url).href;

const nameOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) => {
  const where = url.startsWith(root) ? url.slice(root.length) : url.replace(/^node:/, "node:");
  return `${functionName || "(anonymous)"} ${where ? `${where}:${lineNumber + 1}` : ""}`.trim();
};

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const packageOf = ({ callFrame: { url, functionName } }: ProfileNode) => {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const where = url.startsWith(root) ? url.slice(root.length) : url;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (inModules) return inModules[1] ?? where;
  return where.startsWith("node:") ? "node:internal" : where;
};

const self = new Map<string, number>();
const total = new Map<string, number>();
const packages = new Map<string, number>();
const callers = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id);
  if (!node) return;
  all += us;
  const name = nameOf(node);
  self.set(name, (self.get(name) ?? 0) + us);
  const packageName = packageOf(node);
  packages.set(packageName, (packages.get(packageName) ?? 0) + us);
  const onStack = new Set<string>();
  const callersHere = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at);
    if (!frame) continue;
    onStack.add(nameOf(frame));
    const caller = byId.get(parentOf.get(at) ?? -1);
    if (values.callers && caller && frame.callFrame.functionName.includes(values.callers)) callersHere.add(nameOf(caller));
  }
  for (const frame of onStack) total.set(frame, (total.get(frame) ?? 0) + us);
  for (const caller of callersHere) callers.set(caller, (callers.get(caller) ?? 0) + us);
});

const rank = (times: Map<string, number>) =>
  [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ pct: +((100 * us) / all).toFixed(1), ms: Math.round(us / 1000), name }));

console.log(
  JSON.stringify(
    { file, sampledMs: Math.round(all / 1000), self: rank(self), total: rank(total), selfByPackage: rank(packages), ...(values.callers ? { callers: rank(callers) } : {}) },
    null,
    2,
  ),
);
