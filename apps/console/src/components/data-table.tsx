/**
 * A list shown as a table in a horizontally scrolling frame: a caption (visible or for screen readers only),
 * column headers with `scope="col"`, one row per item and, when asked for, one sentence when there are none.
 */
import type { Key, ReactNode } from 'react';

export interface DataColumn<Row> {
  /** Header text; an actions column passes a visually hidden label so the header is never empty to a screen reader. */
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** A class for the header and every cell of the column, such as `numeric` for right-aligned figures. */
  className?: string;
  /** A class for the body cells only, such as `mono`, `masked` or `row-actions`. */
  cellClassName?: string;
}

export function DataTable<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  empty,
  className,
  foot,
  after,
}: {
  caption: ReactNode;
  /** The heading above the table already says what it lists; the caption is then for screen readers only. */
  captionHidden?: boolean;
  columns: DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => Key;
  rowClassName?: (row: Row) => string;
  /** Shown across all columns when there are no rows; without it an empty list shows an empty body. */
  empty?: ReactNode;
  className?: string;
  /** A `<tfoot>` (totals), rendered after the body. */
  foot?: ReactNode;
  /** Content that belongs with the table inside its scrolling frame, such as a "more" button. */
  after?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty !== undefined ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)} className={rowClassName?.(row)}>
                {columns.map((column, columnIndex) => (
                  <td key={columnIndex} className={column.cellClassName ?? column.className}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {foot}
      </table>
      {after}
    </div>
  );
}
