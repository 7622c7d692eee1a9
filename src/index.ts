import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { loadConfig } from './config/index.ts';
import { installShutdown } from './server/shutdown.ts';
import { MigrationError } from './services/migrations.ts';

/** Only listens: everything else is built in app.ts. */
const config = loadConfig();
const app = await createApp(config).catch((error: unknown) => {
  // Logged by createApp with what to do; a stack trace would add nothing.
  if (error instanceof MigrationError) process.exit(1);
  throw error;
});
const server = createServer(app.yoga);
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.logger.info({ port }, `GraphQL and GraphiQL on http://${config.host}:${port}/graphql`);
});

installShutdown({
  server,
  logger: app.logger,
  deadlineMs: config.ops.shutdownTimeoutMs,
  markStopping: app.markStopping,
  close: app.close,
});
