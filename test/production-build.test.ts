import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/devdb/build.ts';
import { REPO_ROOT } from '../src/paths.ts';
import { EXAMPLES_DIR } from '../src/server/examples.ts';
import { gql, testApp } from './helpers/app.ts';
import { post, type Service, startService } from './helpers/service.ts';

/**
 * The production build (`npm run build`, what `npm start` and the Dockerfile run): the bundle starts on the run's
 * Neo4j and answers as the source does. Built into a folder of its own (one level below the root, as dist/ is), so a
 * server running from dist/ meanwhile is not disturbed.
 */
const outdir = join(REPO_ROOT, `.build-test-${process.pid}`);
// The process entry, as `npm start` and the image run it; with WORKERS=1 it serves from index.js in the same folder.
const entry = join(outdir, 'start.js');
const services: Service[] = [];

async function stop(service: Service) {
  service.child.kill('SIGTERM');
  return service.exited;
}

const { database, yoga } = testApp();

afterAll(async () => {
  await database.close();
  for (const service of services) if (service.child.exitCode === null) await stop(service);
  rmSync(outdir, { recursive: true, force: true });
});

const example = '03-bytedance';
const query = readFileSync(resolve(EXAMPLES_DIR, `${example}.graphql`), 'utf8');
const expected = JSON.parse(readFileSync(resolve(EXAMPLES_DIR, `${example}.expected.json`), 'utf8'));

describe('the production build (npm run build, npm start, the Dockerfile)', () => {
  it('is one ES module with the dependencies inside, GraphiQL left in node_modules', () => {
    const built = buildServer(outdir);
    expect(existsSync(entry)).toBe(true);
    const bundle = readFileSync(join(outdir, 'index.js'), 'utf8');
    // GraphiQL's assets are loaded from the package on first use, never carried in the bundle.
    expect(bundle).toContain('@graphql-yoga/render-graphiql/graphiql');
    expect(bundle).not.toContain('YogaGraphiQL.renderYogaGraphiQL=');
    // The bundle imports only Node's built-ins and that one package statically: nothing else is looked up at start.
    const imports = [...bundle.matchAll(/(?:^|[;}])import(?:[^'"();]*?from)?\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(imports.filter((name) => !name?.startsWith('node:') && !name?.startsWith('./'))).toEqual([]);
    expect(built.files.some((f) => f.path.endsWith('index.js'))).toBe(true);
  });

  it('starts from the built file and answers a README question exactly as recorded', async () => {
    const service = await startService({}, { entry });
    services.push(service);
    const { status, body } = await post(service.port, query);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(expected.data);
    expect(body.extensions.cypher.statements).toBe(expected.statements);

    // The same schema as the source serves, to the last description (the bundle renames nothing a client sees).
    const introspection = getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true });
    const built = await post(service.port, introspection);
    const source = await gql(yoga, introspection);
    expect(built.body.errors).toBeUndefined();
    expect(built.body.data).toEqual(source.data);

    // GraphiQL's script and the /explore page's library, read from node_modules on the first request.
    const graphiql = await fetch(`http://127.0.0.1:${service.port}/graphiql/graphiql.js`);
    expect(graphiql.status).toBe(200);
    const graphiqlPackage = createRequire(join(REPO_ROOT, 'package.json')).resolve('@graphql-yoga/render-graphiql');
    const { js } = await import(join(dirname(graphiqlPackage), 'graphiql.js'));
    expect(await graphiql.text()).toBe(js);
    const cytoscape = await fetch(`http://127.0.0.1:${service.port}/explore/vendor/cytoscape.min.js`);
    expect(cytoscape.status).toBe(200);
    expect(await cytoscape.text()).toBe(
      readFileSync(join(REPO_ROOT, 'node_modules/cytoscape/dist/cytoscape.min.js'), 'utf8'),
    );
    const page = await fetch(`http://127.0.0.1:${service.port}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data:image/x-icon;base64,');

    expect(await stop(service)).toBe(0);
  });

  it('loads tracing and the Redis counters from their own chunks when they are configured', async () => {
    const service = await startService(
      {
        TRACING: 'otlp',
        // Nothing listens on these: the spans and the counters fail quietly, the answers do not.
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9/v1/traces',
        REDIS_URL: 'redis://127.0.0.1:9',
      },
      { entry },
    );
    services.push(service);
    const { status, body } = await post(service.port, query);
    expect(status).toBe(200);
    expect(body.data).toEqual(expected.data);
    expect(await stop(service)).toBe(0);
  });
});
