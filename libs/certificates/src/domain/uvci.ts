/**
 * Unique vaccination certificate identifiers per the eHealth Network guideline (Annex 2 of the
 * interoperability guidelines): `URN:UVCI:01:VN:<issuer>/<opaque>#<check>`, where the check character is the
 * Luhn mod N checksum over everything before `#`, in the guideline's alphabet of 38 code points.
 */

const codePoints = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:';
const n = codePoints.length;

function luhnModNSum(text: string, startFactor: 1 | 2): number {
  let factor = startFactor;
  let total = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const codePoint = codePoints.indexOf(text[i]);
    if (codePoint < 0) throw new Error(`character ${JSON.stringify(text[i])} is outside the UVCI alphabet`);
    let addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    total += addend;
  }
  return total % n;
}

export function luhnModNCheckCharacter(text: string): string {
  return codePoints[(n - luhnModNSum(text, 2)) % n];
}

export function luhnModNValid(textWithCheck: string): boolean {
  return luhnModNSum(textWithCheck, 1) === 0;
}

export const uvciPrefix = 'URN:UVCI:01:VN:';
/** The ministry of health issues for the whole country; the part after it tells certificates apart. */
export const uvciIssuerSegment = 'MOH';
const opaquePattern = /^[A-Z0-9]{8,40}$/;

/** `opaque` is upper-case letters and digits, unique per certificate (the caller draws it at random). */
export function buildUvci(opaque: string): string {
  if (!opaquePattern.test(opaque)) throw new Error('the opaque part of a UVCI is 8 to 40 upper-case letters or digits');
  const body = `${uvciPrefix}${uvciIssuerSegment}/${opaque}`;
  return `${body}#${luhnModNCheckCharacter(body)}`;
}

/** True for a well-formed UVCI of any country whose `#` checksum matches; UVCIs without a checksum are accepted as the guideline allows. */
export function uvciChecksumValid(uvci: string): boolean {
  const upper = uvci.toUpperCase();
  const hash = upper.lastIndexOf('#');
  if (hash < 0) return true;
  const body = upper.slice(0, hash);
  const check = upper.slice(hash + 1);
  if (check.length !== 1) return false;
  try {
    return luhnModNValid(body + check);
  } catch {
    return false;
  }
}
