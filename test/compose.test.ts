import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/config/index.ts';
import { IMAGES } from '../src/devdb/images.ts';

/**
 * docker-compose.yml agrees with the config and the test setup (test/compose-stack.test.ts runs it for real).
 * Values are read as a user without any variables set gets them: `${NAME:-default}` → default.
 */
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'));
const local = parse(readFileSync(new URL('../docker-compose.local.yml', import.meta.url), 'utf8'));
const byDefault = (value: unknown) => String(value).replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');

describe('docker-compose.yml', () => {
  it('runs the official images by default, the locally built ones with docker-compose.local.yml', () => {
    expect(byDefault(compose.services.neo4j.image)).toBe(IMAGES.officialNeo4j);
    expect(byDefault(compose.services.api.build.args.NODE_IMAGE)).toBe(IMAGES.officialNode);
    expect(byDefault(local.services.neo4j.image)).toBe(IMAGES.localNeo4j);
    expect(byDefault(compose.services.api.image)).toBe(IMAGES.api);
    expect(compose.services.neo4j.ports.map(byDefault)).toContain('127.0.0.1:7687:7687');
    expect(compose.services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
  });

  it('wires the service only with variables the config module reads, and they validate', () => {
    const env: Record<string, string> = compose.services.api.environment;
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, byDefault(v)]));
    const config = loadConfig(resolved);
    expect(config.neo4j.uri).toBe('bolt://neo4j:7687');
    expect(compose.services.api.ports.map(byDefault)).toContain(`127.0.0.1:${config.port}:${config.port}`);
    expect(compose.services.api.depends_on.neo4j.condition).toBe('service_healthy');
  });

  it('rejects a bad configuration with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x' })).toThrow(/PORT[\s\S]*NEO4J_URI/);
  });
});
