/** A small line chart in plain SVG: one line per series over weeks, with the values on a 0–100 % scale. */
import { useId } from 'react';

const palette = ['#0b5c3a', '#1d4ed8', '#b45309'];

export function WeeklyLineChart({
  title,
  description,
  weeks,
  series,
  formatWeek,
}: {
  title: string;
  description: string;
  weeks: string[];
  series: Array<{ label: string; values: Array<number | null> }>;
  formatWeek: (week: string) => string;
}) {
  const titleId = useId();
  const descId = useId();
  const left = 44;
  const right = 16;
  const top = 16;
  const plotHeight = 220;
  const width = 720;
  const plotWidth = width - left - right;
  const height = top + plotHeight + 64;
  const max = Math.max(10, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const ceiling = Math.min(100, Math.ceil(max / 10) * 10);
  const x = (index: number) => left + (weeks.length <= 1 ? plotWidth / 2 : (index * plotWidth) / (weeks.length - 1));
  const y = (value: number) => top + plotHeight - (value / ceiling) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * ceiling));
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  return (
    <svg className="line-chart" role="img" aria-labelledby={titleId} aria-describedby={descId} viewBox={`0 0 ${width} ${height}`} width="100%">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
          <text x={left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="#374151">
            {tick}%
          </text>
        </g>
      ))}
      {weeks.map((week, index) =>
        index % labelEvery === 0 ? (
          <text key={week} x={x(index)} y={top + plotHeight + 16} textAnchor="middle" fontSize={11} fill="#374151">
            {formatWeek(week)}
          </text>
        ) : null,
      )}
      {series.map((s, index) => {
        const points = s.values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter(Boolean);
        return (
          <g key={s.label}>
            <polyline points={points.join(' ')} fill="none" stroke={palette[index % palette.length]} strokeWidth={2.5} />
            {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={palette[index % palette.length]} />))}
          </g>
        );
      })}
      {series.map((s, index) => (
        <g key={`legend-${s.label}`} transform={`translate(${left + index * 200}, ${top + plotHeight + 36})`}>
          <rect width={14} height={14} rx={2} fill={palette[index % palette.length]} />
          <text x={20} y={12} fontSize={12} fill="#1f2937">
            {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
