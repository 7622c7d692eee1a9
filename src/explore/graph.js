// The drawing: Cytoscape.js with the fCoSE layout (both loaded as plain scripts from node_modules, see index.html).
// Entities are circles, facts small squares; both are nodes, so a fact links the entities it is about.

const ENTITY_COLOURS = {
  Company: '#2563eb',
  Person: '#db2777',
  Place: '#059669',
  Chip: '#7c3aed',
  DataCenter: '#0891b2',
  Organization: '#64748b',
  Regulation: '#b91c1c',
};
const FACT_COLOURS = {
  FinancialFigure: '#f59e0b',
  GroupFigure: '#d97706',
  Forecast: '#ca8a04',
  Procurement: '#ea580c',
  Claim: '#a3a3a3',
  Quote: '#78716c',
  Development: '#14b8a6',
  Domicile: '#84cc16',
  Ownership: '#a855f7',
  Position: '#ec4899',
  ExportControlStatus: '#ef4444',
  ChipOwnership: '#6366f1',
  ChipDeployment: '#818cf8',
  Usage: '#38bdf8',
  BuildOutSnapshot: '#22d3ee',
};

/** @param {string} kind */
export function colourOf(kind) {
  return ENTITY_COLOURS[kind] ?? FACT_COLOURS[kind] ?? '#6b7280';
}

/** @param {string} text @param {number} max */
function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A node as the API answers it (see NODE_FIELDS in api.js) → Cytoscape data.
 * @param {any} node
 */
export function nodeData(node) {
  const fact = node.summary !== undefined;
  return {
    id: node.key,
    gid: node.id,
    kind: node.__typename,
    group: fact ? 'fact' : 'entity',
    name: fact ? node.summary : node.name,
    label: fact ? `${node.__typename}: ${shorten(node.summary, 32)}` : node.name,
    year: fact ? (node.period?.year ?? null) : null,
    colour: colourOf(node.__typename),
  };
}

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1f2937',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'ellipsis',
      'text-max-width': 140,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': 1,
    },
  },
  { selector: 'node[group = "entity"]', style: { shape: 'ellipse', width: 34, height: 34 } },
  {
    selector: 'node[group = "fact"]',
    style: { shape: 'round-rectangle', width: 18, height: 18, 'font-size': 9, color: '#374151' },
  },
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#111827', 'border-style': 'double' } },
  { selector: 'node:selected', style: { 'overlay-color': '#facc15', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
  { selector: '.hidden', style: { display: 'none' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#b6bfcc',
      'target-arrow-color': '#b6bfcc',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(type)',
      'font-size': 7,
      color: '#6b7280',
      'text-rotation': 'autorotate',
    },
  },
];

const MAX_FIT_ZOOM = 1.2;

export class Graph {
  /**
   * @param {HTMLElement} container
   * @param {{ onSelect: (key: string) => void, onExpand: (key: string) => void }} handlers
   */
  constructor(container, handlers) {
    const cytoscape = /** @type {any} */ (window).cytoscape;
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 3,
      selectionType: 'single',
      boxSelectionEnabled: false,
    });
    this.layoutName = cytoscape('layout', 'fcose') ? 'fcose' : 'cose';
    // The canvas shrinks when the side panel opens: redraw at the new size and keep everything in view.
    new ResizeObserver(() => {
      this.cy.resize();
      this.fit();
    }).observe(container);
    this.cy.on('tap', 'node', (/** @type {any} */ event) => handlers.onSelect(event.target.id()));
    this.cy.on('dbltap', 'node', (/** @type {any} */ event) => handlers.onExpand(event.target.id()));
  }

  /** @param {string} key */
  has(key) {
    return this.cy.getElementById(key).nonempty();
  }

  /**
   * Adds the nodes not yet drawn, in a ring around `nearKey` (so the layout moves them little), and returns them.
   * @param {any[]} nodes @param {string | null} nearKey
   */
  addNodes(nodes, nearKey) {
    const fresh = nodes.filter((node, i) => !this.has(node.key) && nodes.findIndex((n) => n.key === node.key) === i);
    const anchor = nearKey && this.has(nearKey) ? this.cy.getElementById(nearKey).position() : { x: 0, y: 0 };
    const radius = 80 + fresh.length * 4;
    this.cy.add(
      fresh.map((node, i) => ({
        group: 'nodes',
        data: nodeData(node),
        position: {
          x: anchor.x + radius * Math.cos((2 * Math.PI * i) / Math.max(fresh.length, 1)),
          y: anchor.y + radius * Math.sin((2 * Math.PI * i) / Math.max(fresh.length, 1)),
        },
      })),
    );
    return fresh;
  }

  /** @param {{ fromKey: string, toKey: string, type: string }[]} edges */
  addEdges(edges) {
    let added = 0;
    for (const edge of edges) {
      const id = `${edge.fromKey}|${edge.type}|${edge.toKey}`;
      if (!this.has(edge.fromKey) || !this.has(edge.toKey) || this.has(id)) continue;
      this.cy.add({ group: 'edges', data: { id, source: edge.fromKey, target: edge.toKey, type: edge.type } });
      added++;
    }
    return added;
  }

  /** @param {string} key */
  markExpanded(key) {
    this.cy.getElementById(key).addClass('expanded');
  }

  /** Runs the layout on what is visible; resolves when it stopped. */
  layout() {
    const visible = this.cy.elements().not('.hidden');
    if (visible.empty()) return Promise.resolve();
    const options =
      this.layoutName === 'fcose'
        ? { name: 'fcose', randomize: false, animate: false, fit: true, padding: 40, nodeDimensionsIncludeLabels: true }
        : { name: 'cose', randomize: false, animate: false, fit: true, padding: 40 };
    const layout = visible.layout({ ...options, idealEdgeLength: 90, nodeRepulsion: 6500 });
    const done = layout.promiseOn('layoutstop').then(() => this.fit());
    layout.run();
    return done;
  }

  /** Fits what is visible into the canvas, never zooming a handful of nodes up to a giant size. */
  fit() {
    const visible = this.cy.elements().not('.hidden');
    if (visible.empty()) return;
    this.cy.fit(visible, 40);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(visible);
    }
  }

  /**
   * Hides nodes of a hidden kind and facts whose year is outside [from, to]; edges of hidden nodes go with them.
   * @param {Set<string>} hiddenKinds @param {number | null} from @param {number | null} to
   */
  filter(hiddenKinds, from, to) {
    this.cy.batch(() => {
      this.cy.nodes().forEach((/** @type {any} */ node) => {
        const year = node.data('year');
        const outside = year !== null && ((from !== null && year < from) || (to !== null && year > to));
        node.toggleClass('hidden', hiddenKinds.has(node.data('kind')) || outside);
      });
    });
  }

  /** @param {string | null} key */
  select(key) {
    this.cy.$(':selected').unselect();
    if (key && this.has(key)) this.cy.getElementById(key).select();
  }

  /** Counts by kind, entities first. @returns {{ kind: string, group: string, count: number }[]} */
  kinds() {
    /** @type {Map<string, { kind: string, group: string, count: number }>} */
    const counts = new Map();
    this.cy.nodes().forEach((/** @type {any} */ node) => {
      const kind = node.data('kind');
      const entry = counts.get(kind) ?? { kind, group: node.data('group'), count: 0 };
      entry.count++;
      counts.set(kind, entry);
    });
    return [...counts.values()].sort((a, b) => a.group.localeCompare(b.group) || a.kind.localeCompare(b.kind));
  }

  /** The smallest and largest fact year on the graph, or null when no fact has one. */
  years() {
    const years = this.cy
      .nodes()
      .map((/** @type {any} */ node) => node.data('year'))
      .filter((/** @type {number | null} */ y) => y !== null);
    return years.length ? { min: Math.min(...years), max: Math.max(...years) } : null;
  }

  /** @returns {{ key: string, kind: string, name: string, hidden: boolean, expanded: boolean }[]} */
  list() {
    return this.cy
      .nodes()
      .map((/** @type {any} */ node) => ({
        key: node.id(),
        kind: node.data('kind'),
        name: node.data('name'),
        group: node.data('group'),
        hidden: node.hasClass('hidden'),
        expanded: node.hasClass('expanded'),
      }))
      .sort(
        (/** @type {any} */ a, /** @type {any} */ b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name),
      );
  }

  /** Where a node is drawn, in page coordinates (for a pointer, or a test driving one). @param {string} key */
  positionOf(key) {
    if (!this.has(key)) return null;
    const rendered = this.cy.getElementById(key).renderedPosition();
    const box = this.cy.container().getBoundingClientRect();
    return { x: box.left + rendered.x, y: box.top + rendered.y };
  }
}
