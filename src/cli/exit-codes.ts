/** Exit codes shared by every command (DESIGN.md). */
export const EXIT_OK = 0;
/** Findings or partial failures worth a CI's attention. */
export const EXIT_ATTENTION = 1;
/** Bad usage or bad input. */
export const EXIT_USAGE = 2;
