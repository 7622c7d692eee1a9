import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DbScope } from '../db/database.ts';
import { FORMAT_VERSION, type ImportRecord } from '../domain/format.ts';
import { exportEntries } from './export.ts';
import { CSV_TABLES, csvHead, csvRecord } from './export-formats/csv.ts';
import { MEDIA_TYPES } from './export-formats/index.ts';
import { JSONLD_HEAD, JSONLD_TAIL, jsonldNode, jsonldSeparator } from './export-formats/jsonld.ts';

/**
 * `npm run dump -- --out DIR`: every export format of the graph, written in one pass over it into
 * `DIR/<version>/` (`graph.ndjson`, `graph.jsonld`, `csv/<table>.csv`) with a `manifest.json` (version, date, the
 * data version, counts per kind, bytes and sha256 per file) and, when DIR holds an earlier dump, `delta.ndjson`: the
 * lines added, changed and removed since it. Versions are UTC timestamps (`20261201T213005Z`), so they sort by date.
 */

export const MANIFEST_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const GRAPH_NDJSON = 'graph.ndjson';
export const DELTA = 'delta.ndjson';

export interface DumpFile {
  path: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

/**
 * Counts per type (curator, entity, source, link, rule, assertion), each by kind (entity kind, source kind, rel, fact
 * kind; curators and rules by their type).
 */
export type KindCounts = Record<ImportRecord['type'], Record<string, number>>;
export type DeltaCounts = Record<string, Record<string, { added: number; changed: number; removed: number }>>;

export interface DumpManifest {
  manifestVersion: number;
  name: string;
  version: string;
  createdAt: string;
  importFormatVersion: number;
  /** The database's last committed transaction when the dump was read (its bookmark). */
  dataVersion: string;
  /** False when the graph changed while it was read (after the retries): then it is not one point in time. */
  consistent: boolean;
  counts: KindCounts;
  files: DumpFile[];
  delta: { from: string; file: DumpFile; counts: DeltaCounts } | null;
}

const VERSION = /^\d{8}T\d{6}Z$/;
export const versionOf = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** A file being written: bytes and sha256 counted on the way, waiting for the disk when it falls behind. */
class HashedFile {
  readonly path: string;
  readonly mediaType: string;
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(dir: string, path: string, mediaType: string) {
    this.path = path;
    this.mediaType = mediaType;
    this.stream = createWriteStream(join(dir, path));
  }

  async write(text: string) {
    const buffer = Buffer.from(text, 'utf8');
    this.hash.update(buffer);
    this.bytes += buffer.byteLength;
    if (!this.stream.write(buffer)) await once(this.stream, 'drain');
  }

  async close(): Promise<DumpFile> {
    this.stream.end();
    await once(this.stream, 'finish');
    return { path: this.path, mediaType: this.mediaType, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

function kindOf(record: ImportRecord): string {
  if (record.type === 'link') return record.rel;
  return 'kind' in record ? record.kind : record.type;
}

const emptyCounts = (): KindCounts => ({ curator: {}, entity: {}, source: {}, link: {}, rule: {}, assertion: {} });

/** One pass over the graph, every format written as the entries come. */
async function writeFormats(db: DbScope, dir: string, pageSize: number) {
  await mkdir(join(dir, 'csv'), { recursive: true });
  const ndjson = new HashedFile(dir, GRAPH_NDJSON, MEDIA_TYPES.ndjson);
  const jsonld = new HashedFile(dir, 'graph.jsonld', MEDIA_TYPES.jsonld);
  const tables = CSV_TABLES.map((table) => ({
    table,
    file: new HashedFile(dir, `csv/${table.name}.csv`, MEDIA_TYPES.csv),
  }));
  const counts = emptyCounts();
  await jsonld.write(JSONLD_HEAD);
  for (const { table, file } of tables) await file.write(csvHead(table));
  let first = true;
  for await (const entry of exportEntries(db, { pageSize })) {
    const kind = kindOf(entry.record);
    counts[entry.type][kind] = (counts[entry.type][kind] ?? 0) + 1;
    await ndjson.write(`${JSON.stringify(entry.record)}\n`);
    await jsonld.write(jsonldSeparator(first) + JSON.stringify(jsonldNode(entry)));
    first = false;
    for (const { table, file } of tables) {
      const rows = table.rows(entry);
      if (rows.length) await file.write(rows.map(csvRecord).join(''));
    }
  }
  await jsonld.write(JSONLD_TAIL);
  const files = [await ndjson.close(), await jsonld.close()];
  for (const { file } of tables) files.push(await file.close());
  return { files, counts };
}

/** The versions of the dumps in `root` (directories holding a manifest), oldest first. */
export async function dumpVersions(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  return names.filter((name) => VERSION.test(name) && existsSync(join(root, name, MANIFEST))).sort();
}

export async function readManifest(dir: string): Promise<DumpManifest> {
  return JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as DumpManifest;
}

export interface DumpOptions {
  /** The dump's date and version (default: now). */
  now?: Date;
  pageSize?: number;
  /** Reads of the whole graph before a dump that keeps changing is written as not consistent. */
  attempts?: number;
}

/**
 * Writes a dump of the graph into `root/<version>/` and returns its manifest. The graph is read again (up to
 * `attempts` times) when a write landed while it was read, so a dump is one point in time whenever the writes let it.
 */
export async function writeDump(db: DbScope, root: string, options: DumpOptions = {}): Promise<DumpManifest> {
  const now = options.now ?? new Date();
  const version = versionOf(now);
  const dir = join(root, version);
  if (existsSync(dir)) throw new Error(`${dir} exists: a dump of version ${version} was written already`);
  const previous = (await dumpVersions(root)).filter((v) => v < version).at(-1) ?? null;
  const partial = join(root, `.${version}.partial`);
  const attempts = options.attempts ?? 3;
  let written: Awaited<ReturnType<typeof writeFormats>>;
  let dataVersion: string;
  let consistent = false;
  for (let attempt = 1; ; attempt++) {
    await rm(partial, { recursive: true, force: true });
    dataVersion = await db.dataVersion();
    written = await writeFormats(db, partial, options.pageSize ?? 2000);
    consistent = (await db.dataVersion()) === dataVersion;
    if (consistent || attempt >= attempts) break;
  }
  let delta: DumpManifest['delta'] = null;
  if (previous) {
    const out = new HashedFile(partial, DELTA, MEDIA_TYPES.ndjson);
    const counts: DeltaCounts = {};
    for await (const line of deltaLines(join(root, previous, GRAPH_NDJSON), join(partial, GRAPH_NDJSON))) {
      await out.write(`${JSON.stringify(line)}\n`);
      counts[line.type] ??= {};
      const byKind = counts[line.type]!;
      byKind[line.kind] ??= { added: 0, changed: 0, removed: 0 };
      byKind[line.kind]![line.op] += 1;
    }
    delta = { from: previous, file: await out.close(), counts };
  }
  const manifest: DumpManifest = {
    manifestVersion: MANIFEST_VERSION,
    name: 'ai-infra-graph',
    version,
    createdAt: now.toISOString(),
    importFormatVersion: FORMAT_VERSION,
    dataVersion,
    consistent,
    counts: written.counts,
    files: written.files,
    delta,
  };
  await writeFile(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  // Only a whole dump gets its version's name.
  await rename(partial, dir);
  return manifest;
}

// ——— Delta ———

export interface DeltaLine {
  v: typeof FORMAT_VERSION;
  op: 'added' | 'changed' | 'removed';
  type: ImportRecord['type'];
  /** The entity or fact kind, the source kind, the link's rel (of the new line; of the old one when removed). */
  kind: string;
  /** The record's key; a link's is `rel from to`. */
  key: string;
  /** The line before (changed, removed) and after (added, changed). */
  before?: ImportRecord;
  after?: ImportRecord;
}

const SECTIONS: ImportRecord['type'][] = ['curator', 'entity', 'source', 'link', 'rule', 'assertion'];

/**
 * Where a line sits in the export order: its section, then its key (links by from, then rel + to, as the export
 * sorts them). Both files of a delta must be in this order; a delta of files that are not says so.
 */
function positionOf(record: ImportRecord): [number, string, string] {
  const section = SECTIONS.indexOf(record.type);
  return record.type === 'link' ? [section, record.from, record.rel + record.to] : [section, record.key, ''];
}

function compare(a: [number, string, string], b: [number, string, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  if (a[2] !== b[2]) return a[2] < b[2] ? -1 : 1;
  return 0;
}

interface Line {
  text: string;
  record: ImportRecord;
  at: [number, string, string];
}

async function* linesOf(file: string): AsyncGenerator<Line> {
  let previous: Line | undefined;
  let number = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    number += 1;
    if (!text.trim()) continue;
    const record = JSON.parse(text) as ImportRecord;
    const line = { text, record, at: positionOf(record) };
    if (previous && compare(previous.at, line.at) >= 0) {
      throw new Error(`${file} line ${number} is out of export order (or repeats a key): not a dump's ${GRAPH_NDJSON}`);
    }
    previous = line;
    yield line;
  }
}

const keyOf = (r: ImportRecord) => (r.type === 'link' ? `${r.rel} ${r.from} ${r.to}` : r.key);

/**
 * What changed from one NDJSON export to another, one line per record added, changed or removed, in export order. Both
 * are read as streams side by side (a merge of two sorted files): memory holds two lines, whatever their size.
 */
export async function* deltaLines(fromFile: string, toFile: string): AsyncGenerator<DeltaLine> {
  const older = linesOf(fromFile);
  const newer = linesOf(toFile);
  let a = await older.next();
  let b = await newer.next();
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : compare(a.value.at, b.value.at);
    if (order < 0 && !a.done) {
      const r = a.value.record;
      yield { v: FORMAT_VERSION, op: 'removed', type: r.type, kind: kindOf(r), key: keyOf(r), before: r };
      a = await older.next();
    } else if (order > 0 && !b.done) {
      const r = b.value.record;
      yield { v: FORMAT_VERSION, op: 'added', type: r.type, kind: kindOf(r), key: keyOf(r), after: r };
      b = await newer.next();
    } else if (!a.done && !b.done) {
      if (a.value.text !== b.value.text) {
        const r = b.value.record;
        yield {
          v: FORMAT_VERSION,
          op: 'changed',
          type: r.type,
          kind: kindOf(r),
          key: keyOf(r),
          before: a.value.record,
          after: r,
        };
      }
      a = await older.next();
      b = await newer.next();
    }
  }
}
