/**
 * Base45 decoding (RFC 9285) for the browser. The `base45` package the services use builds a Node `Buffer`,
 * which browsers do not have, so the console decodes the few lines of the RFC itself and refuses what the RFC
 * calls invalid (characters outside the alphabet, a dangling single character, triples above 65535).
 */
const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export class Base45Invalid extends Error {
  constructor() {
    super('not valid Base45');
    this.name = 'Base45Invalid';
  }
}

export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Base45Invalid();
  const values = Array.from(text, (character) => {
    const value = alphabet.indexOf(character);
    if (value < 0) throw new Base45Invalid();
    return value;
  });
  const bytes = new Uint8Array(Math.floor(values.length / 3) * 2 + (values.length % 3 === 2 ? 1 : 0));
  let out = 0;
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i] + values[i + 1] * 45 + values[i + 2] * 2025;
      if (n > 0xffff) throw new Base45Invalid();
      bytes[out++] = n >> 8;
      bytes[out++] = n & 0xff;
    } else {
      const n = values[i] + values[i + 1] * 45;
      if (n > 0xff) throw new Base45Invalid();
      bytes[out++] = n;
    }
  }
  return bytes;
}
