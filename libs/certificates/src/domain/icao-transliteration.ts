/**
 * ICAO Doc 9303 part 3 (machine readable zone) transliteration, as the EU DCC asks for `fnt`/`gnt`: upper-case
 * A–Z only, `<` between name parts. Vietnamese letters lose their tone and vowel marks (ễ → E, ư → U) and Đ
 * becomes D, so "Nguyễn Văn Ân" reads `NGUYEN<VAN<AN`.
 */

/** Letters ICAO 9303 writes with more than their base letter; everything else falls back to its base letter. */
const icaoSpecialLetters: Record<string, string> = {
  Ä: 'AE',
  Æ: 'AE',
  Å: 'AA',
  Ö: 'OE',
  Ø: 'OE',
  Œ: 'OE',
  Ü: 'UE',
  ß: 'SS',
  Þ: 'TH',
  Ĳ: 'IJ',
  Đ: 'D',
  Ð: 'D',
  Ħ: 'H',
  Ł: 'L',
  Ŀ: 'L',
  Ŧ: 'T',
  Ŋ: 'N',
  ı: 'I',
};

/** The EU DCC schema limits `fnt` and `gnt` to 80 characters. */
export const maxTransliteratedLength = 80;

export function icaoTransliterate(name: string): string {
  const upper = name.normalize('NFC').trim().toUpperCase();
  let out = '';
  for (const char of upper) {
    const special = icaoSpecialLetters[char] ?? icaoSpecialLetters[char.toLowerCase()];
    if (special) {
      out += special;
      continue;
    }
    // Strip combining marks: the Vietnamese tone and vowel marks, acute, grave, caron, cedilla…
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (/^[A-Z]$/.test(base)) out += base;
    else if (/^[\s\-‐‑,]$/.test(char)) out += '<';
    // Apostrophes, dots and anything else without a Latin letter are dropped, as in the MRZ.
  }
  return out.replace(/<+/g, '<').replace(/^<|<$/g, '').slice(0, maxTransliteratedLength);
}

export interface SplitName {
  /** Surname (family name): the first word of a Vietnamese name. */
  familyName: string;
  /** Middle and given names: the rest. Null for a one-word name. */
  givenName: string | null;
}

/**
 * Vietnamese names are written family name first ("Nguyễn Văn Ân": family Nguyễn, middle Văn, given Ân). The
 * DCC's `fn` takes the family name and `gn` the rest, so a verifier abroad prints them in the right order.
 */
export function splitVietnameseName(fullName: string): SplitName {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new Error('a name has at least one word');
  return { familyName: words[0], givenName: words.length > 1 ? words.slice(1).join(' ') : null };
}
