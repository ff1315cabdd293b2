// A list's filters and page kept in the address (so a filtered list can be bookmarked and
// shared): read the named filters, set one (going back to page 1), clear them all.

import { useSearchParams } from 'react-router';

export function useUrlFilters(names: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const filter: Record<string, string> = {};
  for (const k of names) {
    const v = params.get(k);
    if (v) filter[k] = v;
  }
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  /** Set (or with an empty value remove) one parameter; any change but the page's starts at page 1. */
  const set = (k: string, v: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const clear = () => setParams(new URLSearchParams());
  return { params, filter, page, set, clear };
}
