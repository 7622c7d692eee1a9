import cluster from 'node:cluster';
import pino from 'pino';

export type Logger = pino.Logger;

/** JSON lines on stdout (or `destination`, for tests); under WORKERS > 1 each line names its worker (cluster id). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'ai-infra-graph', ...(cluster.worker ? { worker: cluster.worker.id, pid: process.pid } : {}) },
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', 'password'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
