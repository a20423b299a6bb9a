import type { CloudEvent } from '@vaxledger/kernel';
import { subjectsToRevise } from './certificate-lifecycle.consumer';

const message = (type: string, data: Record<string, unknown>): CloudEvent => ({
  specversion: '1.0',
  id: 'm1',
  source: '/test',
  type,
  time: '2022-01-10T03:00:00Z',
  datacontenttype: 'application/json',
  partitionkey: 's1',
  data,
});

describe('which messages make certificates be revised', () => {
  it('a corrected or voided dose revises its subject; a newly recorded dose does not', () => {
    expect(subjectsToRevise(message('vaxledger.immunization.dose.corrected', { subjectId: 's1' }))).toEqual({ subjectIds: ['s1'], reason: 'statement_changed', detail: 'corrected' });
    expect(subjectsToRevise(message('vaxledger.immunization.dose.voided', { subjectId: 's1' }))?.detail).toBe('voided');
    expect(subjectsToRevise(message('vaxledger.immunization.dose.recorded', { subjectId: 's1' }))).toBeNull();
  });

  it('a dose a merge or unmerge moved revises the record it joined and the one it left', () => {
    expect(subjectsToRevise(message('vaxledger.immunization.dose.corrected', { subjectId: 'keep', movedFrom: 'dup' }))?.subjectIds).toEqual(['keep', 'dup']);
  });

  it('a profile change revises only when the name or birth date changed', () => {
    expect(subjectsToRevise(message('vaxledger.registry.subject.updated', { subjectId: 's1', changedFields: ['phone'] }))).toBeNull();
    expect(subjectsToRevise(message('vaxledger.registry.subject.updated', { subjectId: 's1', changedFields: ['fullName'] }))?.subjectIds).toEqual(['s1']);
  });

  it('a merge revises both records, an unmerge both too', () => {
    expect(subjectsToRevise(message('vaxledger.registry.subject.merged', { subjectId: 'dup', mergedInto: 'keep' }))).toEqual({ subjectIds: ['dup', 'keep'], reason: 'subject_merged', detail: 'merged' });
    expect(subjectsToRevise(message('vaxledger.registry.subject.unmerged', { subjectId: 'dup', formerSurvivorSubjectId: 'keep' }))?.subjectIds).toEqual(['dup', 'keep']);
  });

  it('ignores its own certificate events and ids that are not ids', () => {
    expect(subjectsToRevise(message('vaxledger.immunization.certificate.issued', { subjectId: 's1' }))).toBeNull();
    expect(subjectsToRevise(message('vaxledger.immunization.dose.voided', { subjectId: 'a b/../c' }))?.subjectIds).toEqual([]);
  });
});
