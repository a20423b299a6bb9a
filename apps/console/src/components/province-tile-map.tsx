/**
 * A tile-grid map of Vietnam's 63 provinces: one equal square per province, placed near its real position, so
 * a small province weighs as much as a large one and "where are we behind" shows at a glance. Plain SVG.
 */
import { useId } from 'react';

/** [province code, column, row, short label]. */
const tiles: ReadonlyArray<readonly [string, number, number, string]> = [
  ['12', 1, 0, 'LCh'], ['10', 2, 0, 'LCa'], ['02', 3, 0, 'HGi'], ['04', 4, 0, 'CBa'],
  ['11', 0, 1, 'ĐBi'], ['15', 2, 1, 'YBa'], ['08', 3, 1, 'TQu'], ['06', 4, 1, 'BKa'], ['20', 5, 1, 'LSơ'],
  ['14', 1, 2, 'SLa'], ['25', 2, 2, 'PTh'], ['19', 3, 2, 'TNg'], ['24', 4, 2, 'BGi'], ['22', 5, 2, 'QNi'],
  ['17', 1, 3, 'HBì'], ['26', 2, 3, 'VPh'], ['01', 3, 3, 'HNộ'], ['27', 4, 3, 'BNi'], ['31', 5, 3, 'HPh'],
  ['37', 2, 4, 'NBì'], ['35', 3, 4, 'HNa'], ['33', 4, 4, 'HYê'], ['30', 5, 4, 'HDư'],
  ['38', 2, 5, 'THó'], ['36', 3, 5, 'NĐị'], ['34', 4, 5, 'TBì'],
  ['40', 2, 6, 'NAn'],
  ['42', 3, 7, 'HTĩ'],
  ['44', 3, 8, 'QBì'],
  ['45', 3, 9, 'QTr'],
  ['46', 4, 10, 'Huế'],
  ['49', 4, 11, 'QNa'], ['48', 5, 11, 'ĐNẵ'],
  ['62', 3, 12, 'KTu'], ['51', 5, 12, 'QNg'],
  ['64', 4, 13, 'GLa'], ['52', 5, 13, 'BĐị'],
  ['66', 4, 14, 'ĐLắ'], ['54', 5, 14, 'PYê'],
  ['67', 3, 15, 'ĐNô'], ['68', 4, 15, 'LĐồ'], ['56', 5, 15, 'KHò'],
  ['72', 1, 16, 'TNi'], ['70', 2, 16, 'BPh'], ['75', 3, 16, 'ĐNa'], ['60', 4, 16, 'BTh'], ['58', 5, 16, 'NTh'],
  ['80', 1, 17, 'LAn'], ['74', 2, 17, 'BDư'], ['79', 3, 17, 'HCM'], ['77', 4, 17, 'BRV'],
  ['89', 0, 18, 'AGi'], ['87', 1, 18, 'ĐTh'], ['82', 2, 18, 'TGi'], ['83', 3, 18, 'BTr'],
  ['91', 0, 19, 'KGi'], ['92', 1, 19, 'CTh'], ['86', 2, 19, 'VLo'], ['84', 3, 19, 'TVi'],
  ['93', 1, 20, 'HGg'], ['94', 2, 20, 'STr'],
  ['96', 0, 21, 'CMa'], ['95', 1, 21, 'BLi'],
];

export const tileMapProvinceCodes: readonly string[] = tiles.map(([code]) => code);

/** Five steps of one hue, light to dark, each step a clear change in lightness; grey when there is no figure. */
const scale = ['#e6f4ea', '#a8dab5', '#5fb97a', '#2b8a4b', '#0b5c3a'];
const thresholds = [20, 40, 60, 80];
const noData = '#d1d5db';

export function colourFor(percent: number | null): string {
  if (percent === null) return noData;
  const step = thresholds.filter((t) => percent >= t).length;
  return scale[step];
}

export function ProvinceTileMap({
  title,
  description,
  values,
  nameOf,
  legendTitle,
}: {
  title: string;
  description: string;
  /** Percent by province code; a province without a figure is grey. */
  values: ReadonlyMap<string, number | null>;
  nameOf: (code: string) => string;
  legendTitle: string;
}) {
  const titleId = useId();
  const descId = useId();
  const size = 34;
  const gap = 4;
  const columns = 6;
  const rows = 22;
  const legendWidth = 120;
  const width = columns * (size + gap) + legendWidth;
  const height = rows * (size + gap);
  return (
    <svg className="tile-map" role="img" aria-labelledby={titleId} aria-describedby={descId} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {tiles.map(([code, column, row, label]) => {
        const value = values.get(code) ?? null;
        const fill = colourFor(value);
        const dark = value !== null && value >= 60;
        return (
          <g key={code} transform={`translate(${column * (size + gap)}, ${row * (size + gap)})`}>
            <title>{`${nameOf(code)}: ${value === null ? '—' : `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`}`}</title>
            <rect width={size} height={size} rx={4} fill={fill} stroke="#ffffff" />
            <text x={size / 2} y={14} textAnchor="middle" fontSize={10} fontWeight={600} fill={dark ? '#ffffff' : '#1f2937'}>
              {label}
            </text>
            <text x={size / 2} y={27} textAnchor="middle" fontSize={9} fill={dark ? '#ffffff' : '#1f2937'}>
              {value === null ? '—' : `${Math.round(value)}%`}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${columns * (size + gap) + 16}, 8)`}>
        <text fontSize={12} fontWeight={600} fill="#1f2937" y={10}>
          {legendTitle}
        </text>
        {['< 20', '20–40', '40–60', '60–80', '≥ 80'].map((label, index) => (
          <g key={label} transform={`translate(0, ${22 + index * 24})`}>
            <rect width={18} height={18} rx={3} fill={scale[index]} stroke="#9ca3af" />
            <text x={26} y={13} fontSize={12} fill="#1f2937">
              {label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
