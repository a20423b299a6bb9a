/** What appointing an administrator grants: an account of the role, in the scope, awaiting activation. */
import type { PersonDetails } from '../domain/person-details';
import type { AccountToGrant } from './grant-account';

export function administratorGrant(
  accountId: string,
  person: PersonDetails,
  scope: { role: 'province_admin' | 'facility_admin'; provinceCode: string; facilityId: string | null },
): AccountToGrant {
  return {
    accountId,
    username: person.username,
    role: scope.role,
    rights: [],
    facilityId: scope.facilityId,
    provinceCode: scope.provinceCode,
    profile: { fullName: person.fullName, gender: person.gender, position: person.position, unit: null, email: person.email, phone: person.phone },
    requestId: null,
  };
}

/** The OpenAPI body of an appointed administrator (the zod schema is personDetailsSchema). */
export const personBody = {
  type: 'object',
  required: ['fullName', 'gender', 'position', 'email', 'phone', 'username'],
  properties: {
    fullName: { type: 'string' },
    gender: { type: 'string', enum: ['male', 'female', 'other'] },
    position: { type: 'string' },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string' },
    username: { type: 'string' },
  },
};
