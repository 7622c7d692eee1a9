import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/index.ts';

/** No Docker engine here: the operational settings of the stack are checked on paper. */
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'));
const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');

describe('docker-compose.yml and Dockerfile operations', () => {
  it('restarts both services and checks their health', () => {
    for (const name of ['neo4j', 'api']) {
      expect(compose.services[name].restart).toBe('unless-stopped');
      expect(compose.services[name].healthcheck.test.join(' ')).toBeTruthy();
    }
    expect(compose.services.api.healthcheck.test.join(' ')).toContain('/health');
  });

  it('gives graceful shutdown its whole deadline before Docker kills the container', () => {
    const env = compose.services.api.environment;
    const deadlineMs = loadConfig({ SHUTDOWN_TIMEOUT_MS: env.SHUTDOWN_TIMEOUT_MS }).ops.shutdownTimeoutMs;
    const grace = /^(\d+)s$/.exec(compose.services.api.stop_grace_period);
    expect(Number(grace?.[1]) * 1000).toBeGreaterThan(deadlineMs);
    expect(compose.services.api.stop_signal).toBe('SIGTERM');
  });

  it('runs the production build as a non-root user, with node as PID 1 so that it receives SIGTERM', () => {
    const user = /^USER\s+(\S+)/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/start.js"\]/m);
    expect(dockerfile.indexOf('USER')).toBeLessThan(dockerfile.indexOf('CMD'));
  });
});
