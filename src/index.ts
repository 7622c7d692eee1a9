import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { loadConfig } from './config/index.ts';

/** Only listens: everything else is built in app.ts. */
const config = loadConfig();
const app = await createApp(config);
const server = createServer(app.yoga);
server.listen(config.port, config.host, () => {
  app.logger.info(`GraphQL and GraphiQL on http://${config.host}:${config.port}/graphql`);
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    server.close(async () => {
      await app.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  });
}
