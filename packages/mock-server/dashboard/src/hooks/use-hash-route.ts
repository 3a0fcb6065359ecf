import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** `#/deliveries/dlv_1` → `['deliveries', 'dlv_1']`. */
  path: string[];
  /** `#/deliveries?webhookId=whk_1` → `webhookId=whk_1`. */
  query: URLSearchParams;
}

function current(): Route {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

/**
 * Pages live in the URL's fragment, so the server serves one file for every page and a reload or a
 * shared link opens the same page.
 */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
