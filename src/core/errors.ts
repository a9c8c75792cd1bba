/**
 * The few error classes Quartermaster throws, by meaning. Each carries a
 * stable code listed in docs/errors.md and a message that says what came in,
 * what was expected and what to do.
 */

export interface ErrorDetails {
  /** Repository-relative or absolute path of the file at fault. */
  file?: string;
  line?: number;
  cause?: unknown;
}

/** Longest message kept; quoted input beyond it is cut. */
const MAX_MESSAGE_CHARS = 1_000;

/**
 * A message safe to print on one line: parsers quote the input they choke
 * on, and a binary file or a control sequence there must neither break the
 * terminal nor the scan summary. Control characters become escapes.
 */
export function printableMessage(message: string): string {
  // eslint-disable-next-line no-control-regex -- finding them is the point
  const escaped = message.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return escaped.length > MAX_MESSAGE_CHARS
    ? `${escaped.slice(0, MAX_MESSAGE_CHARS)}...`
    : escaped;
}

export class QuartermasterError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(printableMessage(message), { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.file = details.file;
    this.line = details.line;
  }
}

/** The input (a file, a flag, a query) is wrong; fixing it is the user's move. */
export class InputError extends QuartermasterError {}

/** The thing asked for does not exist. */
export class NotFoundError extends QuartermasterError {}

/** The request clashes with what is stored. */
export class ConflictError extends QuartermasterError {}

/** The caller may not do this. */
export class NotAllowedError extends QuartermasterError {}

/** A registry or feed failed; callers may retry later. */
export class UpstreamError extends QuartermasterError {}

/** Formats an error for a person: code, place and message. */
export function describeError(error: unknown): string {
  if (error instanceof QuartermasterError) {
    const place = error.file
      ? `${error.file}${error.line ? `:${error.line}` : ''}: `
      : '';
    return `${place}${error.message} [${error.code}]`;
  }
  return error instanceof Error ? error.message : String(error);
}
