import type { ComponentChildren } from 'preact';

interface BarProps {
  /** Names the filters for screen readers, e.g. "Filter deliveries". */
  label: string;
  /** True when any filter is set, so there is something to clear. */
  active: boolean;
  onClear(): void;
  /** Several filters: "Clear filters"; one: "Clear filter". */
  clearLabel?: string;
  children: ComponentChildren;
}

/** A list's filters and a button that clears them all (filters can always be cleared). */
export function FilterBar({ label, active, onClear, clearLabel = 'Clear filter', children }: BarProps) {
  return (
    <search class="toolbar" aria-label={label}>
      {children}
      <button type="button" disabled={!active} onClick={onClear}>
        {clearLabel}
      </button>
    </search>
  );
}

interface SelectProps<T extends string> {
  label: string;
  value: NoInfer<T> | '';
  /** The empty choice: "any", "every type". */
  anyLabel: string;
  options: readonly T[];
  /** How an option reads, when not as its value. */
  labelOf?: (option: T) => string;
  onChange(value: NoInfer<T> | ''): void;
}

/** One filter: a labelled select of the spec's values, plus an "any" choice. */
export function FilterSelect<T extends string>({
  label,
  value,
  anyLabel,
  options,
  labelOf,
  onChange,
}: SelectProps<T>) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(event) => onChange(event.currentTarget.value as T | '')}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf ? labelOf(option) : option}
          </option>
        ))}
      </select>
    </label>
  );
}
