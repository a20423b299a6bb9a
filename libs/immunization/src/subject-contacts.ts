/**
 * What immunization needs to know of a person that registry alone holds: the name a due list shows, and where
 * a reminder goes. A port: the standalone process reads registry's own data in-process; a process without
 * registry beside it gets `unavailableSubjectContacts` (names not shown, reminders not sent, both said so).
 */
export interface ReminderContact {
  /** The given name, the only personal data a reminder's text carries. */
  firstName: string;
  /** E.164. */
  phone: string;
}

export interface SubjectContactDirectory {
  readonly available: boolean;
  /** Full names as registry's search shows them, for the ids it knows. */
  namesOf(subjectIds: readonly string[]): Promise<Map<string, string>>;
  reminderContactOf(subjectId: string): Promise<ReminderContact | null>;
}


export const unavailableSubjectContacts: SubjectContactDirectory = {
  available: false,
  namesOf: async () => new Map(),
  reminderContactOf: async () => null,
};
