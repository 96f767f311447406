// The geometry of a bar chart of counts (households, matches), as bar-chart-geometry.server.ts
// does for amounts: rows of bars computed with d3-scale on the server, drawn by BarChart. A hidden
// count has no bar; its row keeps its label and says why ("<5" or "—").
import { scaleBand, scaleLinear } from "d3-scale";
import type { ChartGeometry } from "./bar-chart-geometry.server";

interface CountInput {
  key: string;
  label: string;
  /** Null when the count is hidden. */
  count: number | null;
  valueLabel: string;
}

const WIDTH = 640;
const LABEL = 140;
const MARGIN = 24;

/** Horizontal bars in a viewBox 640 wide; `formatTick` writes a gridline's count. */
export function countChartGeometry(items: readonly CountInput[], formatTick: (count: number) => string): ChartGeometry {
  const max = Math.max(1, ...items.map((i) => i.count ?? 0));
  const height = MARGIN * 2 + items.length * 36;
  const value = scaleLinear().domain([0, max]).range([LABEL, WIDTH - MARGIN]).nice();
  const band = scaleBand()
    .domain(items.map((i) => i.key))
    .range([MARGIN, height - MARGIN])
    .padding(0.25);
  // Counts are whole: no gridline between two of them.
  const ticks = value.ticks(Math.min(4, max)).filter((t) => Number.isInteger(t));
  return {
    width: WIDTH,
    height,
    layout: "rows",
    bars: items.map((item) => ({ key: item.key, label: item.label, shortLabel: item.label, valueLabel: item.valueLabel, x: LABEL, y: band(item.key) ?? 0, width: value(item.count ?? 0) - LABEL, height: band.bandwidth() })),
    ticks: ticks.map((t) => ({ at: value(t), label: formatTick(t) })),
  };
}
