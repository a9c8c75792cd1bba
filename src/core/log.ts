import { pino, type Logger } from 'pino';

/**
 * The root logger. Quiet by default on the command line (warnings and worse
 * to stderr); QM_LOG_LEVEL changes the level. Modules take a child logger.
 */
export const rootLogger: Logger = pino(
  { level: process.env.QM_LOG_LEVEL ?? 'warn', base: undefined },
  pino.destination(2),
);

export function moduleLogger(module: string): Logger {
  return rootLogger.child({ module });
}
