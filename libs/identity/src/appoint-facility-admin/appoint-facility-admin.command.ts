import { personDetailsSchema } from '../domain/person-details';

/** The person appointed: name, gender, position, email, phone and the username they will sign in with. */
export const appointFacilityAdminSchema = personDetailsSchema;
