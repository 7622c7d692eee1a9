import pino from 'pino';

export type Logger = pino.Logger;

/** JSON lines on stdout (or `destination`, for tests). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'ai-infra-graph' },
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', 'password'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
