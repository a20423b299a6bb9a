/**
 * A horizontal stacked bar chart in plain SVG: one bar per category (a province or a vaccine), one coloured
 * segment per series (dose number). The table beside it carries the same figures for screen readers.
 */
import { useId } from 'react';
import { formatNumber } from '../i18n/formatting';

export interface ChartBar {
  label: string;
  values: number[];
}

// Each colour has at least 3:1 contrast against white (WCAG 1.4.11) and differs in lightness from its neighbours.
const palette = ['#0b5c3a', '#1d4ed8', '#b45309', '#6b21a8', '#be123c', '#374151'];

export function StackedBarChart({
  title,
  description,
  bars,
  series,
}: {
  title: string;
  description: string;
  bars: ChartBar[];
  series: string[];
}) {
  const titleId = useId();
  const descId = useId();
  const labelWidth = 190;
  const chartWidth = 440;
  const rowHeight = 28;
  const top = 8;
  const legendHeight = 28;
  const max = Math.max(1, ...bars.map((bar) => bar.values.reduce((sum, v) => sum + v, 0)));
  const height = top + bars.length * rowHeight + legendHeight + 8;
  const width = labelWidth + chartWidth + 80;

  return (
    <svg
      className="bar-chart"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {bars.map((bar, row) => {
        const y = top + row * rowHeight;
        let x = labelWidth;
        const total = bar.values.reduce((sum, v) => sum + v, 0);
        return (
          <g key={bar.label}>
            <text x={labelWidth - 8} y={y + rowHeight / 2 + 4} textAnchor="end" className="chart-label">
              {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
            </text>
            {bar.values.map((value, index) => {
              const w = (value / max) * chartWidth;
              const segment = (
                <rect
                  key={index}
                  x={x}
                  y={y + 4}
                  width={w}
                  height={rowHeight - 8}
                  fill={palette[index % palette.length]}
                >
                  <title>{`${bar.label} — ${series[index]}: ${formatNumber(value)}`}</title>
                </rect>
              );
              x += w;
              return segment;
            })}
            <text x={x + 6} y={y + rowHeight / 2 + 4} className="chart-value">
              {formatNumber(total)}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${labelWidth}, ${top + bars.length * rowHeight + 8})`}>
        {series.map((name, index) => (
          <g key={name} transform={`translate(${index * 110}, 0)`}>
            <rect width="14" height="14" fill={palette[index % palette.length]} />
            <text x="20" y="12" className="chart-label">
              {name}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
