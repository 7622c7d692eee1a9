// The side panel: a node's properties and the verbatim words of its sources. Built with DOM calls and
// textContent only, so nothing the graph holds is ever parsed as HTML.

import { colourOf } from './graph.js';

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {(Node | string | null | undefined | false)[]} [children]
 */
function h(tag, attrs = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** @param {string} kind */
function badge(kind) {
  const element = h('span', { class: 'badge' }, [kind]);
  element.style.backgroundColor = colourOf(kind);
  return element;
}

/** @param {string} label @param {() => void} onClick @param {string} [className] */
function button(label, onClick, className = '') {
  const element = h('button', { type: 'button', class: className }, [label]);
  element.addEventListener('click', onClick);
  return element;
}

/** Only http(s) links from the data become links. @param {string | null | undefined} url */
function safeLink(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return h('span', {}, [url]);
    return h('a', { href: parsed.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, [url]);
  } catch {
    return h('span', {}, [url]);
  }
}

/** @param {[string, Node | string | null | undefined][]} rows */
function properties(rows) {
  const list = h('dl', { class: 'properties' });
  for (const [name, value] of rows) {
    if (value === null || value === undefined || value === '') continue;
    list.append(h('dt', {}, [name]), h('dd', {}, [value]));
  }
  return list;
}

/** "50000000000.5" → "50 000 000 000.5": exact decimal strings stay strings, only grouped for reading. @param {string} value */
function digits(value) {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** @param {string | null | undefined} qualifier */
function qualifierText(qualifier) {
  return qualifier && qualifier !== 'exact' ? `${qualifier.replaceAll('_', ' ')} ` : '';
}

/** @param {any} money */
function moneyText(money) {
  if (!money) return null;
  const range = money.lower || money.upper ? ` (${digits(money.lower ?? '…')}–${digits(money.upper ?? '…')})` : '';
  const qualifier = qualifierText(money.qualifier);
  const words = money.asReported ? ` — “${money.asReported}”` : '';
  const mode = money.mode && money.mode !== 'reported' ? ` [${money.mode}]` : '';
  return `${qualifier}${digits(money.amount)} ${money.currency}${range}${mode}${words}`;
}

/** @param {any} quantity */
function quantityText(quantity) {
  if (!quantity) return null;
  const words = quantity.asReported ? ` — “${quantity.asReported}”` : '';
  return `${qualifierText(quantity.qualifier)}${digits(quantity.value)} ${quantity.unit}${words}`;
}

/** @param {any} period */
function periodText(period) {
  if (!period) return null;
  const year = period.year ? ` (${period.year}${period.yearInferred ? ', inferred' : ''})` : '';
  return `“${period.label}”${year}${period.inference ? ` — ${period.inference}` : ''}`;
}

/** One source's verbatim snippet and where it comes from. @param {any} support */
function snippet(support) {
  const source = support.source;
  const where = [
    source.publisher?.name,
    source.publishedDate,
    support.locator,
    support.start !== null && support.start !== undefined ? `characters ${support.start}–${support.end}` : null,
  ].filter(Boolean);
  return h('figure', { class: 'snippet' }, [
    h('blockquote', {}, [support.snippet]),
    h('figcaption', {}, [
      h('cite', {}, [source.title]),
      where.length ? ` · ${where.join(' · ')}` : '',
      ' · ',
      h('span', { class: support.verified ? 'verified' : 'unverified' }, [
        support.verified ? 'verified against the stored text' : 'not checked (no stored text)',
      ]),
      source.license ? ` · licence ${source.license}` : '',
      source.url ? h('div', {}, [safeLink(source.url)]) : null,
    ]),
  ]);
}

/**
 * @typedef {{ onOpen: (key: string) => void, onExpand: (key: string) => void, onClose: () => void, isExpanded: (key: string) => boolean }} PanelHandlers
 */

/** @param {HTMLElement} panel @param {string} kind @param {string} title @param {string} key @param {PanelHandlers} on */
function header(panel, kind, title, key, on) {
  panel.replaceChildren(
    h('div', { class: 'panel-head' }, [badge(kind), button('Close', on.onClose, 'close')]),
    h('h2', {}, [title]),
    h('p', { class: 'key' }, [h('code', {}, [key])]),
  );
  if (!on.isExpanded(key)) panel.append(button('Expand neighbours', () => on.onExpand(key), 'expand'));
}

/** @param {HTMLElement} panel @param {any} entity @param {PanelHandlers} on */
export function showEntity(panel, entity, on) {
  header(panel, entity.__typename, entity.name, entity.key, on);
  panel.append(
    properties([
      ['kind', entity.entityKind],
      ['description', entity.description],
      ['aliases', entity.aliases.join(' · ')],
      ['Wikidata', entity.wikidata],
      ...entity.properties.map((/** @type {any} */ p) => /** @type {[string, string]} */ ([p.name, p.value])),
    ]),
  );
  const facts = h('ul', { class: 'facts' });
  for (const fact of entity.facts) {
    facts.append(
      h('li', {}, [
        badge(fact.__typename),
        ' ',
        button(fact.summary, () => on.onOpen(fact.key), 'link'),
        fact.period ? h('span', { class: 'period' }, [` ${periodText(fact.period)}`]) : null,
        ...fact.sources.map(snippet),
      ]),
    );
  }
  panel.append(
    h('h3', {}, [
      `Facts and their sources (${entity.facts.length}${entity.facts.length === 25 ? ', the first 25' : ''})`,
    ]),
    entity.facts.length ? facts : h('p', { class: 'hint' }, ['No facts name this entity.']),
  );
  panel.hidden = false;
}

/** @param {HTMLElement} panel @param {any} fact @param {PanelHandlers} on */
export function showFact(panel, fact, on) {
  header(panel, fact.__typename, fact.summary, fact.key, on);
  panel.append(
    properties([
      ['mode', fact.mode],
      ['rank', fact.rank],
      ['period', periodText(fact.period)],
      ['metric', fact.metric],
      ['amount', moneyText(fact.amount)],
      [
        'change',
        fact.change
          ? `${fact.change.percent} % ${fact.change.basis}${fact.change.basisStated === false ? ' (assumed)' : ''}${fact.change.asReported ? ` — “${fact.change.asReported}”` : ''}`
          : null,
      ],
      ['quantity', quantityText(fact.quantity)],
      ['unit price', moneyText(fact.unitPrice)],
      ['status', fact.status],
      ['role', fact.role],
      ['text', fact.text],
      ['attribution', fact.attribution],
      ['confidence', fact.confidence],
      ['note', fact.note],
      ['retracted', fact.retraction?.reason],
    ]),
  );
  const people = h('ul', { class: 'participants' });
  for (const participant of fact.participants) {
    people.append(
      h('li', {}, [
        h('span', { class: 'role' }, [participant.role]),
        ' ',
        button(participant.entity.name, () => on.onOpen(participant.entity.key), 'link'),
      ]),
    );
  }
  panel.append(h('h3', {}, ['Who and what it concerns']), people);
  panel.append(h('h3', {}, [`Sources (${fact.sources.length})`]), ...fact.sources.map(snippet));
  panel.hidden = false;
}

/** @param {HTMLElement} panel @param {string} message */
export function showMessage(panel, message) {
  panel.replaceChildren(h('p', { class: 'hint' }, [message]));
  panel.hidden = false;
}
