import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

// The first page of a load leaves focus where the browser puts it (the top of the document).
let opened = false;

interface Props {
  title: string;
  /** What the page is for, under the heading. */
  intro?: ComponentChildren;
  /** Adds a Refresh button that reloads the page's lists now. */
  onRefresh?: () => void;
}

/**
 * A page's `<h1>`, focused when another page opens so screen readers announce it, the document title
 * that names the page, and its introduction.
 */
export function PageHeading({ title, intro, onRefresh }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A layout effect, so focus moves in the same task that shows the page, before anything can be typed
  // into the old page's focus.
  useLayoutEffect(() => {
    document.title = `${title} · Opencom dashboard`;
    if (opened) heading.current?.focus();
    opened = true;
  }, [title]);
  return (
    <>
      <div class="page-heading">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {onRefresh && (
          <button type="button" onClick={onRefresh}>
            Refresh
          </button>
        )}
      </div>
      {intro && <p class="intro">{intro}</p>}
    </>
  );
}
