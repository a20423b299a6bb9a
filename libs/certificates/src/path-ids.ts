/** Sample ids for the certificate routes' documented path parameters (`ApiIdParam` in @vaxledger/runtime). */
export const subjectIdExample = '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a';
export const certificateIdExample = '0193a4c2-5e1f-7b3a-9c2d-4f8e6a1b3c5d';
