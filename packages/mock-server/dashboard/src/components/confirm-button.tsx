import { useState } from 'preact/hooks';

interface Props {
  label: string;
  /** What the button acts on, read by screen readers after `label` (`Delete` → `Delete https://…`). */
  target: string;
  /** What the second button says, e.g. `Delete https://…`. */
  confirmLabel: string;
  onConfirm(): void;
  disabled?: boolean;
}

/** A button for something that cannot be undone: a second, explicit click confirms it. */
export function ConfirmButton({ label, target, confirmLabel, onConfirm, disabled = false }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
        <span class="visually-hidden"> {target}</span>
      </button>
    );
  }
  return (
    <span class="confirm">
      <button
        type="button"
        class="danger"
        // biome-ignore lint/a11y/noAutofocus: the confirmation replaces the button that had focus
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
        <span class="visually-hidden">
          {' '}
          {label.toLowerCase()} {target}
        </span>
      </button>
    </span>
  );
}
