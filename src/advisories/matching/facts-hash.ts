/**
 * A 64-bit hash of a finding's facts string, as 16 hex digits: two 32-bit
 * FNV-1a passes with different offsets. Not for security; two different
 * facts strings share a hash with odds of about one in 2^64, and then the
 * finding would keep its stored facts until they change again.
 */
export function factsHash(facts: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < facts.length; i += 1) {
    const code = facts.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
  }
  return (
    (a >>> 0).toString(16).padStart(8, '0') +
    (b >>> 0).toString(16).padStart(8, '0')
  );
}
