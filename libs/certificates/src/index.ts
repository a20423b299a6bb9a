export * from './domain/icao-transliteration';
export * from './domain/uvci';
export * from './domain/eu-value-sets';
export * from './domain/dcc-payload';
export * from './domain/hcert';
export * from './domain/hcert-verifier';
export * from './domain/certificate-qr';
export * from './signer/document-signer-certificate';
