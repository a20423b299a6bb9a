/** Who an account is and which rights a province grants to facility staff (R4): shared by the domains and auth. */
export const roles = [
  'national_admin',
  'province_admin',
  'facility_admin',
  'staff',
  'auditor',
  'reporter',
] as const;
export type Role = (typeof roles)[number];

export const grantableRights = ['data_entry', 'dose_history_update', 'subject_management'] as const;
export type Right = (typeof grantableRights)[number];
