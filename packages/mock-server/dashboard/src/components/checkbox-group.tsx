interface Props<T extends string> {
  legend: string;
  /** Says what an empty selection means, e.g. "None selected: every event type." */
  hint?: string;
  options: readonly T[];
  selected: readonly T[];
  onChange(selected: T[]): void;
}

/** A fieldset of checkboxes with "Select all" and "Clear" (a filter can always be emptied again). */
export function CheckboxGroup<T extends string>({ legend, hint, options, selected, onChange }: Props<T>) {
  const toggle = (option: T, on: boolean) =>
    onChange(
      on ? options.filter((o) => o === option || selected.includes(o)) : selected.filter((o) => o !== option),
    );
  return (
    <fieldset class="checkboxes">
      <legend>
        {legend}{' '}
        <span class="muted">
          ({selected.length} of {options.length} selected)
        </span>
      </legend>
      {hint && <p class="hint">{hint}</p>}
      <div class="checkbox-actions">
        <button type="button" onClick={() => onChange([...options])}>
          Select all<span class="visually-hidden"> {legend.toLowerCase()}</span>
        </button>
        <button type="button" onClick={() => onChange([])}>
          Clear<span class="visually-hidden"> {legend.toLowerCase()}</span>
        </button>
      </div>
      <div class="checkbox-grid">
        {options.map((option) => (
          <label key={option}>
            <input
              type="checkbox"
              checked={selected.includes(option)}
              onChange={(event) => toggle(option, event.currentTarget.checked)}
            />{' '}
            {option}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
