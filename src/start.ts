import { dirname, extname, join, resolve } from 'node:path';
import { loadConfig } from './config/index.ts';

/**
 * The process entry (`npm start`, the Docker image): WORKERS=1 serves from this process (src/index.ts); more forks
 * that many service processes behind the one port (node:cluster) and only supervises them. With NEO4J_URI unset the
 * local Neo4j is started here, once, and handed to every worker.
 */
const config = loadConfig();
if (config.workers === 1) {
  await import('./index.ts');
} else {
  const { createLogger } = await import('./server/logger.ts');
  const { superviseWorkers } = await import('./server/workers.ts');
  const logger = createLogger(config.logLevel).child({ role: 'primary' });
  const local = config.neo4j.uri
    ? undefined
    : await (await import('./devdb/local-neo4j.ts')).startLocalNeo4j({
        dataDir: resolve(config.neo4j.localDir),
        port: config.neo4j.localPort,
        password: config.neo4j.password,
        log: (line) => logger.info(line),
      });
  const code = await superviseWorkers({
    count: config.workers,
    // The service entry beside this one: src/index.ts, or dist/index.js in the production build (where a module
    // may not locate files from import.meta, see src/devdb/build.ts).
    exec: join(dirname(process.argv[1]!), `index${extname(process.argv[1]!)}`),
    env: local ? { NEO4J_URI: local.uri } : {},
    logger,
    shutdownTimeoutMs: config.ops.shutdownTimeoutMs,
  });
  await local?.stop();
  process.exit(code);
}
