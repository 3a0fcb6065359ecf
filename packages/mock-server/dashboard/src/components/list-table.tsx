import type { ComponentChildren } from 'preact';

interface Props {
  caption: string;
  loading?: boolean;
  /** After the caption, e.g. "(the first 100 shown)". */
  note?: ComponentChildren;
  columns: readonly string[];
  /** What to say when there are no rows; null while there are rows (or before the first load). */
  empty: string | null;
  children: ComponentChildren;
}

/** A list as a table: a caption that names it (and says when it is loading), column headers, rows. */
export function ListTable({ caption, loading = false, note, columns, empty, children }: Props) {
  return (
    <table>
      <caption>
        {caption} {loading && <span class="muted">(loading…)</span>}
        {note}
      </caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {empty !== null && (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        )}
        {children}
      </tbody>
    </table>
  );
}
