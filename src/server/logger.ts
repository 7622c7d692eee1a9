import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ai-infra-graph' },
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', 'password'], censor: '[redacted]' },
  });
}
