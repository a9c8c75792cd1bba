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

export class QuartermasterError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message, { cause: details.cause });
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
