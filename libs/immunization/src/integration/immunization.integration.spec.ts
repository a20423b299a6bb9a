import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { Topics } from '@vaxledger/contracts';
import type { CloudEvent, RecordedEvent } from '@vaxledger/kernel';
import { loadVaccineCatalogue } from '../catalogue/vaccine-catalogue.file';
import type { DoseSnapshot } from '../domain/immunization-record.events';
import { readFacility } from './identity-organisation.consumer';
import { immunizationIntegration } from './immunization.integration';
import { readSubjectFacts } from './registry-subject.consumer';
import { subjectReportingKey } from './reporting-pseudonyms';

const docs = resolve(__dirname, '../../../../docs');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const name of ['cloudevent-envelope', 'dose-report', 'dose-record', 'record-access']) {
  ajv.addSchema(JSON.parse(readFileSync(join(docs, 'schemas', `${name}.json`), 'utf8')), `${name}.json`);
}
const schema = (name: string) => ajv.getSchema(`${name}.json`)!;

const lookupKey = Buffer.alloc(32, 7);
const mapper = immunizationIntegration(lookupKey, loadVaccineCatalogue());

function stored<T>(type: string, data: T, position = 10): RecordedEvent {
  return {
    type,
    data,
    streamId: 'immunization-s-1',
    revision: 0,
    position,
    metadata: {
      eventId: '01913b2c-0000-7000-8000-00000000abcd',
      correlationId: 'request-42',
      causationId: null,
      actor: { accountId: 'vaccinator-1', facilityId: 'facility-1', provinceCode: '79' },
      occurredAt: '2021-08-01T02:37:12.345Z',
      schemaVersion: 1,
    },
  };
}

const dose: DoseSnapshot = {
  subjectId: '01913b2c-1111-7000-8000-000000000001',
  doseId: '01913b2c-2222-7000-8000-000000000002',
  vaccineCode: 'VAXZEVRIA',
  seriesGroup: 'covid19',
  doseNumber: 1,
  administeredAt: '2021-08-01T09:30:00+07:00',
  lotNumber: 'ABV5811',
  facilityId: 'facility-1',
  planId: null,
  site: 'LD',
  route: 'IM',
  vaccinatorId: 'vaccinator-1',
  reporting: { ageBand: '18-49', sex: 'female', provinceCode: '79', districtCode: '769' },
};

describe('immunization integration events', () => {
  it('publishes a recorded dose to registry keyed by subject, and to reporting keyed by the pseudonym', () => {
    const [record, report] = mapper(stored('DoseRecorded', dose));
    expect(record.topic).toBe(Topics.immunizationRecord);
    expect(record.message).toMatchObject({
      type: 'vaxledger.immunization.dose.recorded',
      partitionkey: dose.subjectId,
      data: { subjectId: dose.subjectId, doseId: dose.doseId, doseNumber: 1, status: 'completed', facilityId: 'facility-1' },
    });
    expect(schema('dose-record')(record.message)).toBe(true);

    expect(report.topic).toBe(Topics.immunizationDose);
    const text = JSON.stringify(report.message);
    for (const identifying of [dose.subjectId, dose.doseId, 'request-42', '01913b2c-0000-7000-8000-00000000abcd', 'facility-1', 'vaccinator-1', 'ABV5811']) {
      expect(text).not.toContain(identifying);
    }
    expect(report.message.partitionkey).toBe(subjectReportingKey(lookupKey, dose.subjectId));
    expect(report.message.time).toBe('2021-08-01T02:00:00Z');
    expect(report.message.data).toMatchObject({ ageBand: '18-49', sex: 'female', provinceCode: '79', vaccineCode: 'VAXZEVRIA', program: 'covid19', date: '2021-08-01', status: 'completed' });
    const valid = schema('dose-report');
    expect(valid(report.message) || valid.errors).toBe(true);
  });

  it('gives a republished event the same reporting id, and a voided dose the status voided', () => {
    const first = mapper(stored('DoseVoided', { ...dose, reason: 'duplicate' }))[1].message as CloudEvent<any>;
    const again = mapper(stored('DoseVoided', { ...dose, reason: 'duplicate' }))[1].message as CloudEvent<any>;
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ type: 'vaxledger.immunization.dose-report.voided', data: { status: 'voided' } });
    expect(JSON.stringify(first)).not.toContain('duplicate');
  });

  it('sends a read of the record to audit, and nothing for bookings or registry facts', () => {
    const [access] = mapper(
      stored('ImmunizationRecordRead', {
        subjectId: dose.subjectId,
        accountId: 'auditor-1',
        role: 'auditor',
        facilityId: null,
        provinceCode: null,
        view: 'fhir-bundle',
        purpose: 'audit',
        ip: '10.1.2.3',
        userAgent: 'curl/8',
      }),
    );
    expect(access.topic).toBe(Topics.auditAccess);
    const valid = schema('record-access');
    expect(valid(access.message) || valid.errors).toBe(true);
    expect(mapper(stored('DoseBooked', { subjectId: 's' }))).toEqual([]);
    expect(mapper(stored('SubjectFactsNoted', { subjectId: 's', facts: {} }))).toEqual([]);
  });

  it('documents every topic in the AsyncAPI file, whose example is a valid dose report', () => {
    const asyncapi = parseYaml(readFileSync(join(docs, 'asyncapi.yaml'), 'utf8'));
    expect(Object.keys(asyncapi.channels)).toEqual(expect.arrayContaining([Topics.immunizationDose, Topics.immunizationRecord, Topics.auditAccess]));
    const example = asyncapi.components.messages.DoseReportRecorded.examples[0].payload;
    const valid = schema('dose-report');
    expect(valid(example) || valid.errors).toBe(true);
  });
});

describe('feeds from registry and identity', () => {
  const message = (type: string, data: unknown): CloudEvent => ({
    specversion: '1.0',
    id: 'm-1',
    source: '/vaxledger/registry',
    type,
    time: '2021-08-01T00:00:00Z',
    datacontenttype: 'application/json',
    partitionkey: 'k',
    data,
  });

  it('keeps only the birth date, sex and residence of a registered subject, never name, phone or ID', () => {
    const read = readSubjectFacts(
      message('vaxledger.registry.subject.registered', {
        subjectId: 'subject-1',
        fullName: 'Nguyễn Văn An',
        phone: '+84912345678',
        idDocument: { type: 'CCCD', number: '079185001234' },
        dateOfBirth: '1985-03-14',
        gender: 'male',
        provinceCode: '79',
        districtCode: '769',
        managingFacilityId: 'facility-1',
      }),
    );
    expect(read).toEqual({
      subjectId: 'subject-1',
      facts: { dateOfBirth: '1985-03-14', birthYear: 1985, gender: 'male', provinceCode: '79', districtCode: '769', managingFacilityId: 'facility-1' },
    });
  });

  it('reads a profile change nested under values and address, and ignores messages without a subject', () => {
    expect(readSubjectFacts(message('vaxledger.registry.subject.profile-changed', { subjectId: 's-2', values: { address: { provinceCode: '01', districtCode: '005' } } }))).toEqual({
      subjectId: 's-2',
      facts: { provinceCode: '01', districtCode: '005' },
    });
    expect(readSubjectFacts(message('vaxledger.registry.subject.merged', { survivorSubjectId: 's-3' }))).toBeNull();
    expect(readSubjectFacts(message('vaxledger.registry.subject.registered', { subjectId: '../etc', dateOfBirth: '1985-03-14' }))).toBeNull();
  });

  it('learns a facility’s province and district from identity, ignoring other organisation events', () => {
    expect(readFacility(message('vaxledger.identity.facility.registered', { facilityId: 'f-1', code: 'HN-01', name: 'Trạm Y tế', provinceCode: '01', districtCode: '005' }))).toEqual({
      facilityId: 'f-1',
      code: 'HN-01',
      name: 'Trạm Y tế',
      provinceCode: '01',
      districtCode: '005',
    });
    expect(readFacility(message('vaxledger.identity.province.admin-appointed', { facilityId: 'f-1', provinceCode: '01' }))).toBeNull();
  });
});
