/** Vietnamese personal names: how they are stored (NFC) and how they are matched (a folded `nameKey`). */

const allowedNameCharacters = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;

/** Trims, collapses inner whitespace and NFC-normalises, so the same name typed on two keyboards is one string. */
export function normalisePersonalName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Null when the name is acceptable, otherwise the problem, in words a clerk understands. */
export function personalNameProblem(name: string): string | null {
  if (name.length < 2) return 'must have at least 2 characters';
  if (name.length > 100) return 'must have at most 100 characters';
  if (!allowedNameCharacters.test(name)) return 'may contain only letters, spaces, apostrophes, dots and hyphens';
  return null;
}

/**
 * The search key of a name: case-, whitespace- and diacritics-insensitive ("NGUYEN VAN  AN" and
 * "Nguyễn Văn An" share one key), but still the whole name, so a search never matches by prefix.
 * đ/Đ is a letter of its own in Unicode (no decomposition), hence the explicit mapping.
 */
export function nameKeyOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
