import type { RecordedEvent } from '@vaxledger/kernel';
import { MalformedCloudEventError, parseCloudEvent, serializeCloudEvent, toCloudEvent } from '../src';

const recorded: RecordedEvent<'DoseRecorded', { doseId: string; vaccineCode: string }> = {
  type: 'DoseRecorded',
  data: { doseId: '0190f5c2-7b1e-7c6a-9a51-6f3f4c1d2e10', vaccineCode: 'AZD1222' },
  metadata: {
    eventId: '0190f5c2-7b1e-7c6a-9a51-6f3f4c1d2e11',
    correlationId: '0190f5c2-7b1e-7c6a-9a51-6f3f4c1d2e12',
    causationId: '0190f5c2-7b1e-7c6a-9a51-6f3f4c1d2e13',
    actor: { accountId: 'account-1', facilityId: 'facility-1', provinceCode: '01' },
    occurredAt: '2021-08-02T09:15:00.000+07:00',
    schemaVersion: 1,
  },
  streamId: 'immunization-0190f5c2-7b1e-7c6a-9a51-6f3f4c1d2e14',
  revision: 3,
  position: 1042,
};

describe('CloudEvents for recorded events', () => {
  it('carries the event id, occurrence time, correlation chain and acting account of the recorded event', () => {
    const cloudEvent = toCloudEvent(recorded, {
      source: '/vaxledger/immunization',
      partitionkey: '0190f5c2-7b1e-7c6a-9a51-6f3f4c1d2e14',
    });
    expect(cloudEvent).toEqual({
      specversion: '1.0',
      id: recorded.metadata.eventId,
      source: '/vaxledger/immunization',
      type: 'DoseRecorded',
      time: '2021-08-02T09:15:00.000+07:00',
      datacontenttype: 'application/json',
      partitionkey: '0190f5c2-7b1e-7c6a-9a51-6f3f4c1d2e14',
      correlationid: recorded.metadata.correlationId,
      causationid: recorded.metadata.causationId,
      actorid: 'account-1',
      actorfacilityid: 'facility-1',
      actorprovincecode: '01',
      data: recorded.data,
    });
  });

  it('publishes an integration payload and type instead of the stored ones when given', () => {
    const cloudEvent = toCloudEvent(recorded, {
      source: '/vaxledger/immunization',
      type: 'vaxledger.immunization.dose.recorded.v1',
      partitionkey: 'dose-aggregate',
      data: { doseId: recorded.data.doseId },
      subject: 'dose-aggregate',
    });
    expect(cloudEvent.type).toBe('vaxledger.immunization.dose.recorded.v1');
    expect(cloudEvent.data).toEqual({ doseId: recorded.data.doseId });
    expect(cloudEvent.subject).toBe('dose-aggregate');
  });

  it('leaves out the causation id of an event nothing caused, since CloudEvents has no null attributes', () => {
    const first = { ...recorded, metadata: { ...recorded.metadata, causationId: null } };
    const cloudEvent = toCloudEvent(first, { source: '/vaxledger/immunization', partitionkey: 'a' });
    expect('causationid' in cloudEvent).toBe(false);
  });

  it('reads back what it writes, from a string or from Kafka bytes', () => {
    const cloudEvent = toCloudEvent(recorded, { source: '/vaxledger/immunization', partitionkey: 'a' });
    const wire = serializeCloudEvent(cloudEvent);
    expect(parseCloudEvent(wire)).toEqual(cloudEvent);
    expect(parseCloudEvent(Buffer.from(wire, 'utf8'))).toEqual(cloudEvent);
  });

  it.each([
    ['text that is not JSON', 'dose recorded', /not JSON/],
    ['a JSON array', '[]', /expected a JSON object/],
    ['another CloudEvents version', JSON.stringify({ ...valid(), specversion: '0.3' }), /specversion/],
    ['a message without an id', JSON.stringify({ ...valid(), id: '' }), /"id"/],
    [
      'a message without a partition key',
      JSON.stringify({ ...valid(), partitionkey: undefined }),
      /"partitionkey"/,
    ],
    ['a time that is not RFC 3339', JSON.stringify({ ...valid(), time: '02/08/2021' }), /"time"/],
    [
      'a non-JSON content type',
      JSON.stringify({ ...valid(), datacontenttype: 'text/csv' }),
      /"datacontenttype"/,
    ],
    ['a message without data', JSON.stringify({ ...valid(), data: undefined }), /"data"/],
    ['a numeric causation id', JSON.stringify({ ...valid(), causationid: 7 }), /"causationid"/],
  ])('refuses %s with a message naming what is wrong', (_case, payload, reason) => {
    expect(() => parseCloudEvent(payload)).toThrow(MalformedCloudEventError);
    expect(() => parseCloudEvent(payload)).toThrow(reason);
  });

  it('accepts a null causation id written by other producers', () => {
    expect(parseCloudEvent(JSON.stringify({ ...valid(), causationid: null })).causationid).toBeNull();
  });
});

function valid() {
  return toCloudEvent(recorded, { source: '/vaxledger/immunization', partitionkey: 'a' });
}
