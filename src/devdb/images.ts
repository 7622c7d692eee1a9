import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../paths.ts';
import { buildServer } from './build.ts';
import { NEO4J_LOCAL_HOME, NEO4J_VERSION } from './local-neo4j.ts';

/**
 * The project's Docker images, buildable with no registry: `npm run images:build` (scripts/images.ts) and the
 * Testcontainers path of the tests use these. Each built image carries the hash of its inputs in the label
 * INPUTS_LABEL and is rebuilt only when that hash changes. Bases: the official images when the engine has them
 * or can pull them; otherwise Debian bookworm roots made by mmdebstrap from Debian packages.
 */
const ROOT = REPO_ROOT;
const INPUTS_LABEL = 'org.ai-infra-graph.inputs';
const NODE_BINARY = resolve(ROOT, 'node_modules/node/bin/node');
const NODE_VERSION: string = JSON.parse(readFileSync(resolve(ROOT, 'node_modules/node/package.json'), 'utf8')).version;

export const IMAGES = {
  /** Official images, used whenever the engine has or can pull them. */
  officialNeo4j: 'neo4j:5.26-community',
  officialNode: 'node:24-bookworm-slim',
  /** Debian bookworm minbase + openjdk-17-jre-headless (mmdebstrap → docker import). */
  debianJre: 'ai-infra-graph/debian-jre17:bookworm-local',
  /** Debian bookworm minbase (mmdebstrap → docker import). */
  debianMinbase: 'ai-infra-graph/debian:bookworm-minbase-local',
  /** Stand-in for node:24-bookworm-slim: minbase + the Node binary from node_modules. */
  localNode: `ai-infra-graph/node:${NODE_VERSION}-bookworm-local`,
  /** Neo4j Community from the Maven jars in the embedding launcher (docker/neo4j). */
  localNeo4j: `ai-infra-graph/neo4j:${NEO4J_VERSION}-local`,
  /** The service (Dockerfile). */
  api: 'ai-infra-graph/api:local',
} as const;

const DEBIAN_ROOTS: Record<string, string[]> = {
  [IMAGES.debianJre]: ['--variant=minbase', '--include=openjdk-17-jre-headless,ca-certificates', 'bookworm'],
  [IMAGES.debianMinbase]: ['--variant=minbase', '--include=ca-certificates', 'bookworm'],
};

export class DockerImageError extends Error {
  override name = 'DockerImageError';
}

type Log = (line: string) => void;

/** Runs a long docker command with its output shown (builds, imports). */
function dockerLoud(args: string[], log: Log): void {
  log(`$ docker ${args.join(' ')}`);
  const result = spawnSync('docker', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new DockerImageError(`docker ${args[0]} failed (exit ${result.status})`);
}

export function engineAnswers(): boolean {
  return spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore' }).status === 0;
}

/** The image's id, or null when the engine does not have it. */
export function imageId(name: string): string | null {
  const result = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', name], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function imageInputs(name: string): string | null {
  const result = spawnSync(
    'docker',
    ['image', 'inspect', '--format', `{{index .Config.Labels "${INPUTS_LABEL}"}}`, name],
    {
      encoding: 'utf8',
    },
  );
  return result.status === 0 ? result.stdout.trim() : null;
}

/** True when the engine has the official image or can pull it now; a registry that cannot be reached is no error. */
export function officialImageAvailable(name: string, log: Log): boolean {
  if (imageId(name)) return true;
  const pull = spawnSync('docker', ['pull', name], { encoding: 'utf8' });
  if (pull.status === 0) {
    log(`pulled ${name}`);
    return true;
  }
  log(`cannot pull ${name}: ${(pull.stderr || pull.stdout).trim().split('\n').pop()}`);
  return false;
}

function hashOf(parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The files of a folder, or the file itself. */
function filesUnder(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function hashFiles(files: string[]): string {
  return hashOf(files.flatMap((file) => [relative(ROOT, file), readFileSync(file)]));
}

/** A Debian bookworm root from Debian packages (mmdebstrap), imported as an image; once per recipe. */
function ensureDebianRoot(name: string, log: Log): string {
  const args = DEBIAN_ROOTS[name];
  if (!args) throw new DockerImageError(`no recipe for ${name}`);
  const recipe = hashOf(['mmdebstrap', ...args]);
  if (imageInputs(name) === recipe) return name;
  if (spawnSync('mmdebstrap', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new DockerImageError(
      `${name} must be built from Debian packages and mmdebstrap is missing: apt-get install mmdebstrap`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'ai-infra-graph-rootfs-'));
  try {
    const tar = join(dir, 'rootfs.tar');
    const started = Date.now();
    log(`$ mmdebstrap ${args.join(' ')} rootfs.tar`);
    const run = spawnSync('mmdebstrap', ['--quiet', ...args, tar], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (run.status !== 0) throw new DockerImageError(`mmdebstrap failed (exit ${run.status})`);
    dockerLoud(['import', '--change', `LABEL ${INPUTS_LABEL}=${recipe}`, tar, name], log);
    log(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return name;
}

interface BuildSpec {
  name: string;
  dockerfile: string;
  /** Fills the staged build context. */
  stage: (context: string) => void;
  inputs: string;
  buildArgs: Record<string, string>;
}

/** Builds unless the image already carries this inputs hash. Returns whether it built. */
function buildIfChanged(spec: BuildSpec, log: Log): boolean {
  const inputs = hashOf([spec.inputs, ...Object.entries(spec.buildArgs).flat()]);
  if (imageInputs(spec.name) === inputs) {
    log(`${spec.name} is up to date (inputs ${inputs})`);
    return false;
  }
  const context = mkdtempSync(join(tmpdir(), 'ai-infra-graph-image-'));
  try {
    const started = Date.now();
    spec.stage(context);
    cpSync(spec.dockerfile, join(context, 'Dockerfile'));
    dockerLoud(
      [
        'build',
        '--quiet',
        '--tag',
        spec.name,
        '--label',
        `${INPUTS_LABEL}=${inputs}`,
        ...Object.entries(spec.buildArgs).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]),
        context,
      ],
      log,
    );
    log(`built ${spec.name} in ${((Date.now() - started) / 1000).toFixed(1)} s (inputs ${inputs})`);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return true;
}

function baseIdentity(name: string): string {
  const id = imageId(name);
  if (!id) throw new DockerImageError(`base image ${name} is missing`);
  return `${name}@${id}`;
}

/** Neo4j Community from the Maven jars, on the official neo4j image when there is one, else on Debian's JRE. */
export function ensureNeo4jImage(
  log: Log,
  officialAvailable = officialImageAvailable(IMAGES.officialNeo4j, log),
): { image: string; base: string } {
  const lib = resolve(NEO4J_LOCAL_HOME, 'lib');
  if (!existsSync(join(lib, `neo4j-${NEO4J_VERSION}.jar`))) {
    throw new DockerImageError('neo4j-local/lib has no Neo4j jars: run `npm run neo4j:fetch` first');
  }
  const base = officialAvailable ? IMAGES.officialNeo4j : ensureDebianRoot(IMAGES.debianJre, log);
  const sources = [resolve(ROOT, 'docker/neo4j/Dockerfile'), resolve(ROOT, 'docker/neo4j/entrypoint.sh')];
  const launcher = resolve(NEO4J_LOCAL_HOME, 'Launcher.java');
  const jars = readdirSync(lib)
    .sort()
    .map((jar) => `${jar}:${statSync(join(lib, jar)).size}`);
  buildIfChanged(
    {
      name: IMAGES.localNeo4j,
      dockerfile: resolve(ROOT, 'docker/neo4j/Dockerfile'),
      inputs: hashOf([hashFiles([...sources, launcher]), ...jars, baseIdentity(base)]),
      buildArgs: { BASE_IMAGE: base },
      stage: (context) => {
        cpSync(lib, join(context, 'lib'), { recursive: true });
        cpSync(resolve(ROOT, 'docker/neo4j/entrypoint.sh'), join(context, 'entrypoint.sh'));
        // Compiled here (the host has the JDK), so the image needs only a Java runtime.
        execFileSync('javac', ['--release', '17', '-cp', `${lib}/*`, '-d', context, launcher], { stdio: 'inherit' });
      },
    },
    log,
  );
  return { image: IMAGES.localNeo4j, base };
}

/** node:24-bookworm-slim when there is one, else the local stand-in. */
export function ensureNodeBase(log: Log): string {
  if (officialImageAvailable(IMAGES.officialNode, log)) return IMAGES.officialNode;
  const root = ensureDebianRoot(IMAGES.debianMinbase, log);
  buildIfChanged(
    {
      name: IMAGES.localNode,
      dockerfile: resolve(ROOT, 'docker/node/Dockerfile'),
      inputs: hashOf([
        hashFiles([resolve(ROOT, 'docker/node/Dockerfile')]),
        NODE_VERSION,
        String(statSync(NODE_BINARY).size),
        baseIdentity(root),
      ]),
      buildArgs: { BASE_IMAGE: root },
      stage: (context) => cpSync(NODE_BINARY, join(context, 'node')),
    },
    log,
  );
  return IMAGES.localNode;
}

/**
 * The folders and files the Dockerfile copies (`COPY src ./src` …): staged and hashed from the Dockerfile itself, never
 * a second list.
 */
function dockerfileTrees(): string[] {
  const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
  return [...dockerfile.matchAll(/^COPY (\S+) \.\/\S*$/gm)].map((m) => m[1]!).filter((from) => !from.includes('['));
}

/**
 * The service image from the Dockerfile, with production dependencies installed and the production build made here
 * (no registry needed inside). The build's inputs (src/, scripts/build.ts, the lockfile's esbuild) are in the hash.
 */
export function ensureApiImage(log: Log): { image: string; base: string } {
  const base = ensureNodeBase(log);
  const trees = dockerfileTrees().map((dir) => resolve(ROOT, dir));
  const files = [
    ...['Dockerfile', 'package.json', 'package-lock.json'].map((f) => resolve(ROOT, f)),
    ...trees.flatMap(filesUnder),
  ];
  buildIfChanged(
    {
      name: IMAGES.api,
      dockerfile: resolve(ROOT, 'Dockerfile'),
      inputs: hashOf([hashFiles(files), baseIdentity(base)]),
      buildArgs: { NODE_IMAGE: base },
      stage: (context) => {
        for (const file of ['package.json', 'package-lock.json']) cpSync(resolve(ROOT, file), join(context, file));
        for (const tree of trees) {
          const to = join(context, relative(ROOT, tree));
          mkdirSync(dirname(to), { recursive: true });
          cpSync(tree, to, { recursive: true });
        }
        const prebuilt = join(context, 'prebuilt');
        mkdirSync(prebuilt);
        const built = buildServer();
        log(`built ${relative(ROOT, built.outdir)}/ (npm run build) for the image in ${built.ms} ms`);
        cpSync(built.outdir, join(prebuilt, 'dist'), { recursive: true });
        for (const file of ['package.json', 'package-lock.json']) cpSync(resolve(ROOT, file), join(prebuilt, file));
        log('$ npm ci --omit=dev (production dependencies for the image)');
        execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
          cwd: prebuilt,
          stdio: 'inherit',
        });
        rmSync(join(prebuilt, 'package.json'));
        rmSync(join(prebuilt, 'package-lock.json'));
      },
    },
    log,
  );
  return { image: IMAGES.api, base };
}
