import { useRef, useState } from 'preact/hooks';

interface Props {
  /** e.g. `API key of "Support bot"`. */
  label: string;
  secret: string;
  /** What the server keeps instead of the secret, for the explanation. */
  kind: 'key' | 'signing secret';
  /** Extra words under the secret (how long an old webhook secret keeps signing, ...). */
  note?: string;
  onDone(): void;
}

/**
 * A secret the server returns once (a new or rotated key or signing secret): shown until dismissed,
 * with a copy button, and never stored, so a reload does not bring it back.
 */
export function SecretReveal({ label, secret, kind, note, onDone }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      input.current?.select();
      setCopied('The browser did not allow copying: the text is selected, press Ctrl+C (⌘C).');
    }
  };
  return (
    <section class="secret" aria-label={label}>
      <h3>{label}</h3>
      <p>
        <strong>Copy it now: it is shown only this once.</strong>{' '}
        {kind === 'key'
          ? 'The server keeps only a hash of the key and cannot show it again.'
          : 'The server keeps the signing secret encrypted and never shows it again.'}
      </p>
      <div class="secret-row">
        <input
          ref={input}
          class="secret-value"
          readOnly
          value={secret}
          aria-label={label}
          spellcheck={false}
        />
        <button type="button" onClick={copy}>
          Copy<span class="visually-hidden"> {label}</span>
        </button>
      </div>
      {note && <p class="hint">{note}</p>}
      <p role="status" class="hint">
        {copied}
      </p>
      <button type="button" onClick={onDone}>
        I have stored it, hide it
      </button>
    </section>
  );
}
