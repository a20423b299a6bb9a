import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ProfileField } from '../domain/subject-profile';

/** One line of a subject's field-level history: what changed, who, when, with or without step-up. */
export interface SubjectHistoryEntry {
  at: string;
  change:
    | 'registered'
    | 'profile_changed'
    | 'transfer_requested'
    | 'management_transferred'
    | 'merged_into'
    | 'duplicate_absorbed'
    | 'unmerged'
    | 'duplicate_released';
  fields: ProfileField[];
  /** New values, masked: enough to tell which phone or document, not to copy it. */
  maskedValues: Partial<Record<ProfileField, unknown>>;
  actor: { accountId: string; facilityId: string | null; provinceCode: string | null };
  stepUpUsed: boolean;
  relatedSubjectId?: string;
  facilityIds?: { from: string; to: string };
  /** On `management_transferred`: who accepted, by role; `actor` names the account. */
  decidedBy?: 'facility' | 'province' | 'national';
}

export const subjectHistoryOpenApi: SchemaObject = {
  type: 'object',
  properties: {
    subjectId: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time' },
          change: { type: 'string' },
          fields: { type: 'array', items: { type: 'string' } },
          maskedValues: { type: 'object' },
          actor: { type: 'object' },
          stepUpUsed: { type: 'boolean' },
          facilityIds: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
          decidedBy: {
            type: 'string',
            enum: ['facility', 'province', 'national'],
            description: 'On management_transferred: on which footing the accepting account (actor) decided',
          },
        },
      },
    },
  },
};
