/** Masked display of lookup identifiers in search results: enough to tell two people apart, not to copy a number. */

export function maskTail(value: string, visible = 3): string {
  if (value.length <= visible) return '*'.repeat(value.length);
  return '*'.repeat(value.length - visible) + value.slice(-visible);
}

/** A Vietnamese E.164 number is shown in its national form (+84912345678 → *******678). */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+84') ? `0${e164.slice(3)}` : e164.replace(/^\+/, '');
  return maskTail(national);
}

export function maskIdNumber(idNumber: string): string {
  return maskTail(idNumber);
}
