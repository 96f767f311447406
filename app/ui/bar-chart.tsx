// A bar chart as server-rendered SVG (geometry from bar-chart-geometry.server.ts): an image with a
// title and description for screen readers, and the same figures as a table for everyone — or
// without the table where the page shows the figures in a table of its own beside the chart.
import type { ChartGeometry } from "./bar-chart-geometry.server";

export function BarChart({ id, title, description, geometry, labelHeader, valueHeader, dataTable = true }: { id: string; title: string; description: string; geometry: ChartGeometry; labelHeader: string; valueHeader: string; dataTable?: boolean }) {
  const { width, height, layout, bars, ticks } = geometry;
  return (
    <figure aria-labelledby={`${id}-caption`} className="rounded-lg border border-stone-200 bg-white p-4">
      <figcaption id={`${id}-caption`} className="font-semibold">
        {title}
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} className="mt-3 h-auto w-full" preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) =>
          layout === "rows" ? (
            <g key={tick.at} className="text-stone-500">
              <line x1={tick.at} x2={tick.at} y1={16} y2={height - 16} stroke="currentColor" strokeOpacity={0.25} />
              <text x={tick.at} y={height - 4} textAnchor="middle" fontSize={11} fill="currentColor">
                {tick.label}
              </text>
            </g>
          ) : (
            <g key={tick.at} className="text-stone-500">
              <line x1={48} x2={width - 16} y1={tick.at} y2={tick.at} stroke="currentColor" strokeOpacity={0.25} />
              <text x={44} y={tick.at + 4} textAnchor="end" fontSize={11} fill="currentColor">
                {tick.label}
              </text>
            </g>
          ),
        )}
        {bars.map((bar) => (
          <g key={bar.key}>
            <rect x={bar.x} y={bar.y} width={Math.max(bar.width, 0)} height={Math.max(bar.height, 0)} rx={2} className="fill-brand-600" />
            {layout === "rows" ? (
              <text x={bar.x - 8} y={bar.y + bar.height / 2 + 4} textAnchor="end" fontSize={13} className="fill-stone-800">
                {bar.label}
              </text>
            ) : (
              <text x={bar.x + bar.width / 2} y={height - 30} textAnchor="middle" fontSize={11} className="fill-stone-700">
                {bar.shortLabel}
              </text>
            )}
          </g>
        ))}
      </svg>
      {dataTable ? (
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-stone-200 text-left text-stone-600">
              <th scope="col" className="py-1 font-medium">
                {labelHeader}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {valueHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key} className="border-b border-stone-100 last:border-b-0">
                <th scope="row" className="py-1 text-left font-normal">
                  {bar.label}
                </th>
                <td className="py-1 text-right tabular-nums">{bar.valueLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </figure>
  );
}
