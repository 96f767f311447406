// The geometry of a bar chart, computed on the server with d3-scale so the browser receives plain
// SVG numbers and no charting code. Amounts arrive as Money; the scale reads them as ratios of the
// largest (a chart position is not an amount, so a JS number is fine here).
import { scaleBand, scaleLinear } from "d3-scale";
import type { Money } from "../domain/money/money";
import { isPositiveMoney } from "../domain/money/money";

export interface ChartBar {
  key: string;
  label: string;
  /** What fits under a column; the table shows `label`. */
  shortLabel: string;
  valueLabel: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** Where the axis labels sit: under columns, or left of rows. */
  layout: "columns" | "rows";
  bars: ChartBar[];
  /** Gridlines: position along the value axis and their label. */
  ticks: { at: number; label: string }[];
}

interface ChartInput {
  key: string;
  label: string;
  shortLabel?: string;
  amount: Money;
  valueLabel: string;
}

const WIDTH = 640;
const LABEL = 96;
const MARGIN = 24;

/** Bars in a viewBox 640 wide; `formatTick` writes a tick's value (in yuan) as text. */
export function barChartGeometry(items: readonly ChartInput[], options: { layout: "columns" | "rows"; formatTick: (yuan: number) => string }): ChartGeometry {
  // The largest amount sets the scale; a chart of zeros keeps a scale of 1.
  const max = items.reduce((m, item) => (isPositiveMoney(item.amount) && item.amount.toNumber() > m ? item.amount.toNumber() : m), 0) || 1;
  const keys = items.map((i) => i.key);
  if (options.layout === "rows") {
    const height = MARGIN * 2 + items.length * 40;
    const value = scaleLinear().domain([0, max]).range([LABEL, WIDTH - MARGIN]).nice();
    const band = scaleBand().domain(keys).range([MARGIN, height - MARGIN]).padding(0.25);
    return {
      width: WIDTH,
      height,
      layout: "rows",
      bars: items.map((item) => ({ key: item.key, label: item.label, shortLabel: item.shortLabel ?? item.label, valueLabel: item.valueLabel, x: LABEL, y: band(item.key) ?? 0, width: value(item.amount.toNumber()) - LABEL, height: band.bandwidth() })),
      ticks: value.ticks(4).map((t) => ({ at: value(t), label: options.formatTick(t) })),
    };
  }
  const height = 260;
  const value = scaleLinear().domain([0, max]).range([height - MARGIN * 2, MARGIN]).nice();
  const band = scaleBand().domain(keys).range([LABEL / 2, WIDTH - MARGIN]).padding(0.2);
  return {
    width: WIDTH,
    height,
    layout: "columns",
    bars: items.map((item) => {
      const top = value(item.amount.toNumber());
      return { key: item.key, label: item.label, shortLabel: item.shortLabel ?? item.label, valueLabel: item.valueLabel, x: band(item.key) ?? 0, y: top, width: band.bandwidth(), height: height - MARGIN * 2 - top };
    }),
    ticks: value.ticks(4).map((t) => ({ at: value(t), label: options.formatTick(t) })),
  };
}
