// What the page shows, kept in the query string so a copied URL opens the same view:
//   ?add=<key>        a node added on its own (a search pick), repeatable
//   &expand=<key>     a node whose neighbours were expanded, in order, repeatable
//   &hide=<Kind>      a kind filtered out, repeatable
//   &from=<year>&to=<year>   the period window (facts with a year outside it are hidden)
//   &sel=<key>        the node whose details are open

/** At most this many keys of each list are taken from a URL: a pasted URL cannot make the page ask without end. */
export const MAX_KEYS = 40;

/**
 * @typedef {{ add: string[], expand: string[], hide: string[], from: number | null, to: number | null, sel: string | null }} ViewState
 */

/** @returns {ViewState} */
export function emptyState() {
  return { add: [], expand: [], hide: [], from: null, to: null, sel: null };
}

/** @param {string | null} value */
function year(value) {
  return value !== null && /^\d{4}$/.test(value) ? Number(value) : null;
}

/** @param {URLSearchParams} params @param {string} name */
function keys(params, name) {
  return [...new Set(params.getAll(name).filter((k) => k.length > 0 && k.length <= 200))].slice(0, MAX_KEYS);
}

/** @param {string} search @returns {ViewState} */
export function parseState(search) {
  const params = new URLSearchParams(search);
  return {
    add: keys(params, 'add'),
    expand: keys(params, 'expand'),
    hide: keys(params, 'hide'),
    from: year(params.get('from')),
    to: year(params.get('to')),
    sel: params.get('sel') || null,
  };
}

/** @param {ViewState} state */
export function formatState(state) {
  const params = new URLSearchParams();
  for (const key of state.add) params.append('add', key);
  for (const key of state.expand) params.append('expand', key);
  for (const kind of state.hide) params.append('hide', kind);
  if (state.from !== null) params.set('from', String(state.from));
  if (state.to !== null) params.set('to', String(state.to));
  if (state.sel) params.set('sel', state.sel);
  const text = params.toString().replaceAll('%3A', ':');
  return text ? `?${text}` : '';
}
