/** The DDCC document of a sample certificate, built by the same code as the answer, for the OpenAPI document. */
import { certificateListItemExample } from '../certificate-answers';
import { certificateIssuer, dccName, dccSchemaVersion, type DigitalCovidCertificate, issuingCountry } from '../domain/dcc-payload';
import { ddccVaccinationDocument } from './ddcc-document';

/** The signed content of the sample certificate (its DCC payload), shared by the examples that show it. */
export const dccPayloadExample: DigitalCovidCertificate = {
  ver: dccSchemaVersion,
  nam: dccName('Nguyễn Thị Thu Hà'),
  dob: '1990-05-17',
  v: [
    {
      tg: '840539006',
      vp: '1119349007',
      mp: 'EU/1/20/1528',
      ma: 'ORG-100030215',
      dn: 2,
      sd: 2,
      dt: '2021-08-30',
      co: issuingCountry,
      is: certificateIssuer,
      ci: certificateListItemExample.uvci,
    },
  ],
};

export const ddccDocumentExample = ddccVaccinationDocument(dccPayloadExample, certificateListItemExample);
