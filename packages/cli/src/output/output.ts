import { colorFor, type IO } from '../io/io';
import { cell } from './format';
import { createStyle, type Style, visibleLength } from './style';

export interface Column<T> {
  header: string;
  value(row: T): unknown;
  /** Cut longer values to this many characters (descriptions, previews). */
  max?: number;
}

/** A page as the API returns it; `--json` prints it whole so scripts can follow `nextCursor`. */
export interface PageLike<T> {
  data: T[];
  hasMore: boolean;
  nextCursor?: string | null;
}

/**
 * Everything a command prints goes through here, so `--json` means exactly one JSON document on
 * stdout and nothing else there, and status lines always go to stderr.
 */
export class Output {
  readonly json: boolean;
  /** Styles for stdout (tables) and stderr (status lines); each follows its own stream's terminal. */
  readonly style: Style;
  readonly errStyle: Style;
  readonly #io: IO;

  constructor(io: IO, json: boolean) {
    this.#io = io;
    this.json = json;
    this.style = createStyle(colorFor(io, 'stdout'));
    this.errStyle = createStyle(colorFor(io, 'stderr'));
  }

  /** The command's result: as JSON with `--json`, else through `human`. */
  result<T>(value: T, human: (value: T) => void): void {
    if (this.json) this.printJson(value);
    else human(value);
  }

  printJson(value: unknown): void {
    this.#io.out.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A page of a list: the body with `--json`; else a table, and how to get the next page. */
  page<T>(
    page: PageLike<T>,
    columns: Column<T>[],
    options: { empty: string; nextHint?: string } = { empty: '' },
  ): void {
    if (this.json) {
      this.printJson(page);
      return;
    }
    if (page.data.length === 0) {
      this.note(options.empty || 'Nothing found.');
      return;
    }
    this.table(page.data, columns);
    if (page.hasMore && page.nextCursor) {
      this.note(
        `More results: add --cursor ${page.nextCursor}${options.nextHint ? ` ${options.nextHint}` : ''}, or --all.`,
      );
    }
  }

  /** An aligned table with a bold header row (human output only). */
  table<T>(rows: readonly T[], columns: Column<T>[]): void {
    const cells = rows.map((row) =>
      columns.map((column) => {
        const text = cell(column.value(row)).replace(/\s+/g, ' ');
        return column.max !== undefined && text.length > column.max
          ? `${text.slice(0, column.max - 1)}…`
          : text;
      }),
    );
    const widths = columns.map((column, i) =>
      Math.max(column.header.length, ...cells.map((row) => visibleLength(row[i] ?? ''))),
    );
    const line = (values: string[]) =>
      values
        .map((value, i) =>
          i === values.length - 1 ? value : value + ' '.repeat((widths[i] ?? 0) - visibleLength(value)),
        )
        .join('  ')
        .trimEnd();
    this.#io.out.write(`${this.style.bold(line(columns.map((column) => column.header.toUpperCase())))}\n`);
    for (const row of cells) this.#io.out.write(`${line(row)}\n`);
  }

  /** Label / value pairs, aligned (one record, human output only). */
  fields(pairs: ReadonlyArray<readonly [string, unknown]>): void {
    const width = Math.max(...pairs.map(([label]) => label.length));
    for (const [label, value] of pairs) {
      this.#io.out.write(`${this.style.dim(label.padEnd(width))}  ${cell(value)}\n`);
    }
  }

  /** Plain text on stdout (human output only: bodies, articles). */
  text(text: string): void {
    this.#io.out.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A status line on stderr: never mixed into data, so it is fine with `--json` too. */
  note(message: string): void {
    this.#io.err.write(`${message}\n`);
  }

  success(message: string): void {
    this.#io.err.write(`${this.errStyle.green('✓')} ${message}\n`);
  }

  warn(message: string): void {
    this.#io.err.write(`${this.errStyle.yellow('!')} ${message}\n`);
  }
}
