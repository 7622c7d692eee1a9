import { DockerImageError, engineAnswers, ensureApiImage, ensureNeo4jImage } from '../src/devdb/images.ts';

/**
 * npm run images:build [-- neo4j|api] — builds the project's images with no registry needed, each only when
 * its inputs changed (see src/devdb/images.ts): ai-infra-graph/neo4j:<version>-local and ai-infra-graph/api:local.
 */
const log = (line: string) => console.log(`[images] ${line}`);
const wanted = process.argv.slice(2);
const all = wanted.length === 0;

if (!engineAnswers()) {
  console.error(
    'No Docker engine answers (`docker info` fails). Start one (e.g. `dockerd &` as root) or set DOCKER_HOST.',
  );
  process.exit(1);
}
try {
  const started = Date.now();
  if (all || wanted.includes('neo4j')) {
    const { image, base } = ensureNeo4jImage(log);
    log(`${image} (base ${base})`);
  }
  if (all || wanted.includes('api')) {
    const { image, base } = ensureApiImage(log);
    log(`${image} (base ${base})`);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  if (!(error instanceof DockerImageError)) throw error;
  console.error(error.message);
  process.exit(1);
}
