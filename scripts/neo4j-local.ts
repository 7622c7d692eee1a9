import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { ensureNeo4jJars, startLocalNeo4j } from '../src/devdb/local-neo4j.ts';

/** npm run neo4j:fetch | neo4j:start | neo4j:stop | neo4j:reset — the local Neo4j, by hand. */
const config = loadConfig();
const dataDir = resolve(config.neo4j.localDir);
const pidFile = resolve(dataDir, '..', `${config.neo4j.localPort}.pid`);

function runningPid(): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function stop() {
  const pid = runningPid();
  if (pid === null) return console.log('local Neo4j is not running');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 120 && runningPid() !== null; i++) await new Promise((ok) => setTimeout(ok, 250));
  rmSync(pidFile, { force: true });
  console.log(`stopped local Neo4j (pid ${pid})`);
}

const command = process.argv[2];
switch (command) {
  case 'fetch':
    ensureNeo4jJars(console.log);
    console.log('Neo4j jars are in neo4j-local/lib');
    break;
  case 'start': {
    const pid = runningPid();
    if (pid !== null) {
      console.log(`local Neo4j already running (pid ${pid}) on bolt://127.0.0.1:${config.neo4j.localPort}`);
      break;
    }
    const local = await startLocalNeo4j({
      dataDir,
      port: config.neo4j.localPort,
      password: config.neo4j.password,
      detached: true,
      log: console.log,
    });
    writeFileSync(pidFile, String(local.process.pid));
    local.process.unref();
    local.process.stdout?.destroy();
    local.process.stderr?.destroy();
    console.log(`export NEO4J_URI=${local.uri}  # user neo4j, password from NEO4J_PASSWORD`);
    break;
  }
  case 'stop':
    await stop();
    break;
  case 'reset':
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`removed ${dataDir}`);
    break;
  default:
    console.error('usage: node scripts/neo4j-local.ts fetch|start|stop|reset');
    process.exit(2);
}
