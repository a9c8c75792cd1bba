import { pino, type Logger } from 'pino';

/**
 * The root logger, JSON lines on stderr. Quiet by default (errors only):
 * what a user must see reaches them through command output and summaries;
 * QM_LOG_LEVEL=warn|info|debug|trace says more. Modules take a child logger.
 */
export const rootLogger: Logger = pino(
  { level: process.env.QM_LOG_LEVEL ?? 'error', base: undefined },
  pino.destination(2),
);

export function moduleLogger(module: string): Logger {
  return rootLogger.child({ module });
}
