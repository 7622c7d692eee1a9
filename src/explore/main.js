// /explore: search → a node; click → details and sources; double-click → neighbours; filters; shareable URL.
// Every read goes through POST /graphql (api.js), so the service's token rules, limits and costs apply.

import * as api from './api.js';
import { colourOf, Graph } from './graph.js';
import { showEntity, showFact, showMessage } from './panel.js';
import { formatState, parseState } from './url-state.js';

/** Neighbours added per expansion at most (the API's `neighborhood(limit:)`); the status says when more exist. */
const EXPAND_LIMIT = 40;

/** @param {string} id */
function $(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
}

const panel = $('panel');
const statusLine = $('status');
const state = parseState(location.search);
const graph = new Graph($('graph'), {
  onSelect: (key) => queue(() => select(key)),
  onExpand: (key) => queue(() => expand(key)),
});
/** For the browser console (and the page test, which needs to know where a node is drawn). */
Object.assign(window, { explore: { graph, cy: graph.cy, state } });

/** User actions run one after another, so a slow answer never interleaves with the next click. */
let pending = Promise.resolve();
/** @param {() => Promise<void>} task */
function queue(task) {
  pending = pending
    .then(task)
    .catch((error) => setStatus(error instanceof Error ? error.message : String(error), true));
  return pending;
}

/** @param {string} text @param {boolean} [error] */
function setStatus(text, error = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', error);
}

function saveUrl() {
  history.replaceState(null, '', `${location.pathname}${formatState(state)}`);
}

/** @param {Record<string, number>} counts */
function countsText(counts) {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

/** Adds a node picked from the search results; the URL keeps it in its `add` list. @param {any} node */
async function addNode(node) {
  if (graph.addNodes([node], null).length && !state.add.includes(node.key)) state.add.push(node.key);
  refreshControls();
  await graph.layout();
}

/** Puts a node on the graph by key (for the URL and for links in the panel). @param {string} key */
async function ensureNode(key) {
  if (graph.has(key)) return;
  const node = await api.nodeByKey(key);
  if (!node) throw new Error(`Nothing has the key ${key}.`);
  graph.addNodes([node], null);
}

/**
 * An entity's neighbours (facts and timeless links, one hop) or a fact's participants, added around it.
 * @param {string} key @param {{ layout?: boolean }} [options]
 */
async function expand(key, { layout = true } = {}) {
  await ensureNode(key);
  const fact = graph.cy.getElementById(key).data('group') === 'fact';
  let nodes;
  let edges;
  let truncated = false;
  if (fact) {
    const answer = await api.participants(key);
    if (!answer) return setStatus(`Nothing has the key ${key}.`, true);
    nodes = answer.participants.map((/** @type {any} */ p) => p.entity);
    edges = answer.participants.map((/** @type {any} */ p) => ({ fromKey: key, toKey: p.entity.key, type: p.role }));
  } else {
    const answer = await api.neighbours(key, EXPAND_LIMIT);
    if (!answer) return setStatus(`Nothing has the key ${key}.`, true);
    nodes = answer.nodes.filter((/** @type {any} */ n) => n.key !== key);
    edges = answer.relationships;
    truncated = answer.truncated;
  }
  const fresh = graph.addNodes(nodes, key);
  const links = graph.addEdges(edges);
  graph.markExpanded(key);
  if (!state.expand.includes(key)) state.expand.push(key);
  /** @type {Record<string, number>} */
  const counts = {};
  for (const node of nodes) counts[node.__typename] = (counts[node.__typename] ?? 0) + 1;
  const name = graph.cy.getElementById(key).data('name');
  setStatus(
    `${name}: ${nodes.length} ${fact ? 'participants' : 'neighbours'}${nodes.length ? ` (${countsText(counts)})` : ''}, ` +
      `${fresh.length} new on the graph, ${links} new links` +
      (truncated ? `; capped at ${EXPAND_LIMIT} — more exist, filter or expand a neighbour` : '.'),
  );
  refreshControls();
  if (layout) await graph.layout();
  saveUrl();
}

/** Opens a node's details in the panel. @param {string} key */
async function select(key) {
  state.sel = key;
  graph.select(key);
  saveUrl();
  const fact = graph.cy.getElementById(key).data('group') === 'fact';
  showMessage(panel, 'Loading…');
  let details;
  try {
    details = fact ? await api.factDetails(key) : await api.entityDetails(key);
  } catch (error) {
    if (state.sel === key) showMessage(panel, error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (state.sel !== key) return;
  if (!details) return showMessage(panel, `Nothing has the key ${key} any more.`);
  const handlers = {
    /** @param {string} target */
    onOpen: (target) => queue(() => open(target, key)),
    /** @param {string} target */
    onExpand: (target) => queue(() => expand(target).then(() => select(target))),
    onClose: () => {
      state.sel = null;
      graph.select(null);
      panel.hidden = true;
      saveUrl();
    },
    /** @param {string} target */
    isExpanded: (target) => state.expand.includes(target),
  };
  if (fact) showFact(panel, details, handlers);
  else showEntity(panel, details, handlers);
  renderList();
}

/**
 * A link in the panel: a fact of the open entity, or an entity taking part in the open fact. Expanding the fact
 * (its participants) brings both onto the graph with the link between them.
 * @param {string} key @param {string} from
 */
async function open(key, from) {
  if (!graph.has(key)) {
    const fromFact = graph.cy.getElementById(from).data('group') === 'fact';
    await expand(fromFact ? from : key);
  }
  await select(key);
}

function refreshControls() {
  applyFilters();
  renderKinds();
  renderPeriod();
  renderList();
}

function applyFilters() {
  graph.filter(new Set(state.hide), state.from, state.to);
}

function renderKinds() {
  const fieldset = $('kinds');
  const kinds = graph.kinds();
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(...(legend ? [legend] : []));
  if (!kinds.length) {
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = 'Nothing on the graph yet.';
    fieldset.append(hint);
    return;
  }
  let group = '';
  for (const { kind, group: kindGroup, count } of kinds) {
    if (kindGroup !== group) {
      group = kindGroup;
      const heading = document.createElement('p');
      heading.className = 'group';
      heading.textContent = group === 'entity' ? 'Entities' : 'Facts';
      fieldset.append(heading);
    }
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'kind';
    box.value = kind;
    box.checked = !state.hide.includes(kind);
    box.addEventListener('change', () => {
      state.hide = box.checked ? state.hide.filter((k) => k !== kind) : [...state.hide, kind];
      applyFilters();
      renderList();
      saveUrl();
    });
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = colourOf(kind);
    label.append(box, swatch, `${kind} (${count})`);
    fieldset.append(label);
  }
}

const fromInput = /** @type {HTMLInputElement} */ ($('period-from'));
const toInput = /** @type {HTMLInputElement} */ ($('period-to'));

function renderPeriod() {
  const years = graph.years();
  $('period-sliders').hidden = !years || years.min === years.max;
  $('period-hint').textContent = !years
    ? 'No dated facts on the graph.'
    : years.min === years.max
      ? `Every dated fact on the graph is from ${years.min}.`
      : 'Facts with a year outside the window are hidden; undated facts always show.';
  if (!years) return;
  for (const input of [fromInput, toInput]) {
    input.min = String(years.min);
    input.max = String(years.max);
  }
  fromInput.value = String(Math.min(Math.max(state.from ?? years.min, years.min), years.max));
  toInput.value = String(Math.max(Math.min(state.to ?? years.max, years.max), years.min));
  $('period-from-value').textContent = fromInput.value;
  $('period-to-value').textContent = toInput.value;
}

/** @param {'from' | 'to'} end */
function onPeriodInput(end) {
  const years = graph.years();
  if (!years) return;
  let from = Number(fromInput.value);
  let to = Number(toInput.value);
  if (from > to) {
    if (end === 'from') to = from;
    else from = to;
  }
  state.from = from === years.min ? null : from;
  state.to = to === years.max ? null : to;
  renderPeriod();
  applyFilters();
  renderList();
  saveUrl();
}
fromInput.addEventListener('input', () => onPeriodInput('from'));
toInput.addEventListener('input', () => onPeriodInput('to'));

/** The nodes as a list: the keyboard's way to what the canvas shows. */
function renderList() {
  const list = $('node-list');
  list.replaceChildren();
  for (const node of graph.list()) {
    const item = document.createElement('li');
    item.dataset.key = node.key;
    item.classList.toggle('hidden-node', node.hidden);
    item.classList.toggle('selected', node.key === state.sel);
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = colourOf(node.kind);
    const name = document.createElement('button');
    name.type = 'button';
    name.className = 'link';
    name.textContent = node.name;
    name.title = `${node.kind} ${node.key}`;
    name.addEventListener('click', () => queue(() => select(node.key)));
    item.append(swatch, name);
    if (!node.expanded) {
      const more = document.createElement('button');
      more.type = 'button';
      more.className = 'small';
      more.textContent = '+';
      more.title = 'Expand neighbours';
      more.setAttribute('aria-label', `Expand ${node.name}`);
      more.addEventListener('click', () => queue(() => expand(node.key)));
      item.append(more);
    }
    list.append(item);
  }
}

// Search: the API's `search` field; a pick puts the node on the graph and opens it.
const searchForm = /** @type {HTMLFormElement} */ ($('search'));
const searchInput = /** @type {HTMLInputElement} */ ($('search-input'));
const results = $('search-results');
searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = searchInput.value.trim();
  if (!text) return;
  queue(async () => {
    setStatus(`Searching “${text}”…`);
    const hits = await api.search(text);
    results.replaceChildren();
    for (const node of hits) {
      const item = document.createElement('li');
      const pick = document.createElement('button');
      pick.type = 'button';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = colourOf(node.__typename);
      const kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = node.__typename;
      pick.append(swatch, node.name ?? node.summary, ' ', kind);
      pick.addEventListener('click', () => {
        results.hidden = true;
        queue(async () => {
          await addNode(node);
          saveUrl();
          await select(node.key);
          setStatus(`${node.name ?? node.summary} is on the graph: double-click it (or +) to expand its neighbours.`);
        });
      });
      item.append(pick);
      results.append(item);
    }
    results.hidden = hits.length === 0;
    setStatus(hits.length ? `${hits.length} matches for “${text}”.` : `Nothing matches “${text}”.`, !hits.length);
  });
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') results.hidden = true;
});

// Token: sent as a bearer token when the service requires one for reads (READS_REQUIRE_TOKEN).
const tokenToggle = $('token-toggle');
const tokenForm = /** @type {HTMLFormElement} */ ($('token-form'));
const tokenInput = /** @type {HTMLInputElement} */ ($('token-input'));
tokenToggle.addEventListener('click', () => {
  tokenForm.hidden = !tokenForm.hidden;
  tokenToggle.setAttribute('aria-expanded', String(!tokenForm.hidden));
  tokenInput.value = api.token();
});
tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  api.setToken(tokenInput.value.trim());
  tokenForm.hidden = true;
  tokenToggle.setAttribute('aria-expanded', 'false');
  setStatus(api.token() ? 'Token set for this tab.' : 'Token cleared.');
});

/** Rebuilds the view a URL describes: its nodes, then its expansions in order, then filters and the panel. */
async function restore() {
  if (!state.add.length && !state.expand.length) return;
  setStatus('Opening the shared view…');
  /** @type {string[]} */
  const failed = [];
  /** @param {string} key @param {() => Promise<unknown>} step */
  const attempt = async (key, step) => {
    try {
      await step();
    } catch (error) {
      failed.push(`${key} (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  for (const key of state.add) await attempt(key, () => ensureNode(key));
  for (const key of state.expand) await attempt(key, () => expand(key, { layout: false }));
  state.add = state.add.filter((key) => graph.has(key));
  state.expand = state.expand.filter((key) => graph.has(key));
  refreshControls();
  await graph.layout();
  const selected = state.sel;
  if (selected && graph.has(selected)) await select(selected);
  else state.sel = null;
  saveUrl();
  if (failed.length) setStatus(`Shared view: ${graph.list().length} nodes; could not open ${failed.join(', ')}.`, true);
  else setStatus(`Shared view: ${graph.list().length} nodes.`);
}

queue(restore);
