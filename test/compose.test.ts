import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/config/index.ts';

/** No Docker engine here: check that docker-compose.yml agrees with the config and the test setup. */
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'));
const setup = readFileSync(new URL('./setup/neo4j.ts', import.meta.url), 'utf8');

describe('docker-compose.yml', () => {
  it('runs the same Neo4j image as the Testcontainers path', () => {
    expect(compose.services.neo4j.image).toBe('neo4j:5.26-community');
    expect(setup).toContain(`'${compose.services.neo4j.image}'`);
    expect(compose.services.neo4j.ports).toContain('7687:7687');
    expect(compose.services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
  });

  it('wires the service only with variables the config module reads, and they validate', () => {
    const env: Record<string, string> = compose.services.api.environment;
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );
    const config = loadConfig(resolved);
    expect(config.neo4j.uri).toBe('bolt://neo4j:7687');
    expect(compose.services.api.ports).toContain(`${config.port}:${config.port}`);
    expect(compose.services.api.depends_on.neo4j.condition).toBe('service_healthy');
  });

  it('rejects a bad configuration with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x' })).toThrow(/PORT[\s\S]*NEO4J_URI/);
  });
});
