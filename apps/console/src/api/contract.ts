/**
 * The shapes of /api/v1 the console reads and writes, taken from the generated openapi.generated.ts
 * (openapi-typescript output of docs/api/openapi.json, `npm run openapi`), so that a changed answer or body in the
 * document fails the console's type-check (`npm run typecheck`, in CI) instead of a user. Every type is addressed by path, method and status, never by
 * component name: component names are free to change, the routes are the contract.
 *
 * Nothing here is hand-written: every answer, body and query the console uses is an AnswerOf/BodyOf/QueryOf alias
 * (or a part of one). A route the console starts to use gets its type the same way; if the document lacks its
 * schema, the route's controller gets one, not this file.
 */
import type { paths } from './openapi.generated';

type Path = keyof paths;

/** The methods a path documents (openapi-typescript writes the others as `put?: never`). */
type MethodOf<P extends Path> = {
  [M in keyof paths[P]]-?: M extends 'parameters' ? never : undefined extends paths[P][M] ? never : M;
}[keyof paths[P]];

type Operation<P extends Path, M extends MethodOf<P>> = NonNullable<paths[P][M]>;

type Responses<P extends Path, M extends MethodOf<P>> =
  Operation<P, M> extends { responses: infer R } ? R : never;

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

/** The statuses of an operation whose answer the document gives a JSON schema. */
type JsonStatus<P extends Path, M extends MethodOf<P>> = {
  [S in keyof Responses<P, M>]-?: [JsonOf<Responses<P, M>[S]>] extends [never] ? never : S;
}[keyof Responses<P, M>];

/** The methods of a path that take a JSON body. */
type BodyMethod<P extends Path> = {
  [M in MethodOf<P>]-?: Operation<P, M> extends { requestBody?: infer B }
    ? [JsonOf<NonNullable<B>>] extends [never]
      ? never
      : M
    : never;
}[MethodOf<P>];

/** The JSON answer of `M P` with status `S`; a status without a documented JSON body does not compile. */
export type AnswerOf<P extends Path, M extends MethodOf<P>, S extends JsonStatus<P, M>> = JsonOf<
  Responses<P, M>[S]
>;

/** The JSON body `M P` takes; a route without a documented JSON body does not compile. */
export type BodyOf<P extends Path, M extends BodyMethod<P>> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query parameters of `M P` (each optional, as the document has them). */
export type QueryOf<P extends Path, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The routes of /api/v1 (the document also has /health and /metrics, which the console never calls). */
type ApiPath = Extract<Path, `/api/v1/${string}`>;

/** Every documented error answer (4xx and 5xx with a JSON body) of every /api/v1 route. */
type DocumentedError = {
  [P in ApiPath]: {
    [M in MethodOf<P>]: {
      [S in JsonStatus<P, M>]: `${S & number}` extends `4${string}` | `5${string}`
        ? AnswerOf<P, M, S>
        : never;
    }[JsonStatus<P, M>];
  }[MethodOf<P>];
}[ApiPath];

/** Every `error` code an /api/v1 route documents (each error answer lists its codes). */
export type ErrorCode = DocumentedError['error'];

/**
 * The error envelope, as every documented error answer has it. ApiError.code stays a string: the console adds
 * codes of its own (session_expired, network_unreachable, internal_error, unexpected) and a server newer than the
 * document may send one it does not list; error-sentences.ts has a general sentence for those.
 */
export type ErrorBody = Omit<DocumentedError, 'error'> & { error: ErrorCode };

// Value sets.

/** The account roles, as `GET /accounts/{id}` answers them. */
export type Role = Account['role'];
export type Right = StaffMember['rights'][number];
export type Gender = BodyOf<'/api/v1/subjects', 'post'>['gender'];
export type IdDocumentType = BodyOf<'/api/v1/subjects', 'post'>['idDocument']['type'];
export type OtpMethod = NonNullable<BodyOf<'/api/v1/auth/activate', 'post'>['otpMethod']>;

// Signing in, step-up, activation and the own sessions.

export type LoginInput = BodyOf<'/api/v1/auth/login', 'post'>;
export type VerifyOtpInput = BodyOf<'/api/v1/auth/otp/verify', 'post'>;
export type RefreshInput = BodyOf<'/api/v1/auth/refresh', 'post'>;
export type StepUpInput = BodyOf<'/api/v1/auth/step-up', 'post'>;
export type StepUpVerifyInput = BodyOf<'/api/v1/auth/step-up/verify', 'post'>;
export type ActivateInput = BodyOf<'/api/v1/auth/activate', 'post'>;
export type ConfirmTotpInput = BodyOf<'/api/v1/auth/totp/confirm', 'post'>;

/** `POST /auth/login` and `POST /auth/step-up` → 200: the open one-time-code challenge. */
export type LoginChallenge = AnswerOf<'/api/v1/auth/login', 'post', 200>;
/** `POST /auth/otp/verify` and `POST /auth/refresh` → 200: access token and single-use refresh token. */
export type IssuedTokens = AnswerOf<'/api/v1/auth/otp/verify', 'post', 200>;
export type StepUpToken = AnswerOf<'/api/v1/auth/step-up/verify', 'post', 200>;
/** `POST /auth/activate` → 200: for TOTP the URI to enrol the authenticator app with, null for sms and email. */
export type Activation = AnswerOf<'/api/v1/auth/activate', 'post', 200>;

/** `POST /accounts/{id}/password-reset` → 202: the reset code went to the person, never to the administrator. */
export type PasswordResetIssued = AnswerOf<'/api/v1/accounts/{id}/password-reset', 'post', 202>;

/** One of `GET /auth/sessions`; `userAgent` is empty when the browser sent none. */
export type OwnSessions = AnswerOf<'/api/v1/auth/sessions', 'get', 200>;
export type OwnSession = OwnSessions['items'][number];

export type LoginHistoryQuery = QueryOf<'/api/v1/auth/login-history', 'get'>;

/** One sign-in attempt of `GET /auth/login-history`; `accountId` is null for a username that does not exist. */
export type LoginHistory = AnswerOf<'/api/v1/auth/login-history', 'get', 200>;
export type LoginAttempt = LoginHistory['items'][number];

export type RedeemPasswordResetInput = BodyOf<'/api/v1/auth/password-reset', 'post'>;

// Organisation: facilities, their administrators, accounts and staff account requests.

export type RegisterFacilityInput = BodyOf<'/api/v1/facilities', 'post'>;

export type FacilityList = AnswerOf<'/api/v1/facilities', 'get', 200>;
export type Facility = FacilityList['items'][number];
export type RegisteredFacility = AnswerOf<'/api/v1/facilities', 'post', 201>;

export type FacilityAdminInput = BodyOf<'/api/v1/facilities/{facilityId}/admins', 'post'>;
export type ProvinceAdminInput = BodyOf<'/api/v1/provinces/{provinceCode}/admins', 'post'>;
export type OversightAccountInput = BodyOf<'/api/v1/accounts', 'post'>;
export type OversightRole = OversightAccountInput['role'];
export type SuspendAccountInput = BodyOf<'/api/v1/accounts/{id}/suspend', 'post'>;
/** `limit` is 1 to 1000, 200 by default; the list has no further pages. */
export type AccountsQuery = QueryOf<'/api/v1/accounts', 'get'>;
export type AccountList = AnswerOf<'/api/v1/accounts', 'get', 200>;
/** `GET /accounts/{id}` (and the answer of suspend, reinstate, unlock and review). */
export type Account = AnswerOf<'/api/v1/accounts/{id}', 'get', 200>;

export type AccountRequestsQuery = QueryOf<'/api/v1/account-requests', 'get'>;
export type SubmitAccountRequestInput = BodyOf<'/api/v1/account-requests', 'post'>;
export type SubmitAccountRequestCsvInput = BodyOf<'/api/v1/account-requests/csv', 'post'>;
export type ApproveAccountRequestInput = BodyOf<'/api/v1/account-requests/{id}/approve', 'post'>;
export type RejectAccountRequestInput = BodyOf<'/api/v1/account-requests/{id}/reject', 'post'>;

/** One person of a staff account request, as POST /account-requests takes it. */
export type StaffMember = SubmitAccountRequestInput['staff'][number];

/** `POST /account-requests` and `POST /account-requests/csv` → 202. */
export type AccountRequestSubmitted = AnswerOf<'/api/v1/account-requests', 'post', 202>;
/** `POST /account-requests/{id}/approve` → 200: the new status and the accounts granted. */
export type AccountRequestApproved = AnswerOf<'/api/v1/account-requests/{id}/approve', 'post', 200>;
export type AccountRequestRejected = AnswerOf<'/api/v1/account-requests/{id}/reject', 'post', 200>;
export type AccountRequestList = AnswerOf<'/api/v1/account-requests', 'get', 200>;
export type AccountRequest = AnswerOf<'/api/v1/account-requests/{id}', 'get', 200>;
export type AccountRequestItem = AccountRequest['items'][number];

// People.

export type RegisterSubjectInput = BodyOf<'/api/v1/subjects', 'post'>;
export type RegisteredSubject = AnswerOf<'/api/v1/subjects', 'post', 201>;
export type ChangeProfileInput = BodyOf<'/api/v1/subjects/{subjectId}', 'patch'>;
export type SearchSubjectsInput = BodyOf<'/api/v1/subjects/search', 'post'>;
export type SubjectSearchAnswer = AnswerOf<'/api/v1/subjects/search', 'post', 200>;
export type SubjectSearchHit = SubjectSearchAnswer['items'][number];
export type SubjectRecord = AnswerOf<'/api/v1/subjects/{subjectId}', 'get', 200>;
export type SubjectAddress = SubjectRecord['address'];
export type DoseSummary = SubjectRecord['doseSummary'];
export type SubjectHistory = AnswerOf<'/api/v1/subjects/{subjectId}/history', 'get', 200>;
export type SubjectHistoryEntry = SubjectHistory['items'][number];
export type FacilitySubjectsPage = AnswerOf<'/api/v1/facilities/{facilityId}/subjects', 'get', 200>;
export type FacilitySubject = FacilitySubjectsPage['items'][number];

// Doses.

export type DoseHistory = AnswerOf<'/api/v1/subjects/{id}/doses', 'get', 200>;
export type Dose = DoseHistory['items'][number];
export type DoseReaction = Dose['reactions'][number];
export type RecordDoseInput = BodyOf<'/api/v1/subjects/{id}/doses', 'post'>;
export type RecordedDose = AnswerOf<'/api/v1/subjects/{id}/doses', 'post', 201>;
export type InjectionSite = NonNullable<RecordDoseInput['site']>;
export type CorrectDoseInput = BodyOf<'/api/v1/subjects/{id}/doses/{doseId}/correct', 'post'>;
export type VoidDoseInput = BodyOf<'/api/v1/subjects/{id}/doses/{doseId}/void', 'post'>;
export type ReportReactionInput = BodyOf<'/api/v1/subjects/{id}/doses/{doseId}/reactions', 'post'>;
export type ReactionSeverity = ReportReactionInput['severity'];
export type ReactionOutcome = ReportReactionInput['outcome'];

// The vaccine catalogue.

export type VaccineCatalogue = AnswerOf<'/api/v1/vaccines', 'get', 200>;
export type VaccineProduct = VaccineCatalogue['items'][number];

// Vaccination sessions (plans).

export type PlanList = AnswerOf<'/api/v1/plans', 'get', 200>;
export type Plan = PlanList['items'][number];
export type PlansQuery = QueryOf<'/api/v1/plans', 'get'>;
export type CreatePlanInput = BodyOf<'/api/v1/plans', 'post'>;
export type CreatedPlan = AnswerOf<'/api/v1/plans', 'post', 201>;
export type PlanAttendance = AnswerOf<'/api/v1/plans/{id}', 'get', 200>;
export type BookSubjectsInput = BodyOf<'/api/v1/plans/{id}/subjects', 'post'>;

// The due list.

/** `GET /facilities/{id}/due`: who is due or overdue for a next dose on a day. */
export type DueList = AnswerOf<'/api/v1/facilities/{facilityId}/due', 'get', 200>;
export type DueItem = DueList['items'][number];
export type DueQuery = QueryOf<'/api/v1/facilities/{facilityId}/due', 'get'>;

// The audit trail.

export type AuditEventsPage = AnswerOf<'/api/v1/audit/events', 'get', 200>;
export type AuditEntry = AuditEventsPage['items'][number];
export type AuditQuery = QueryOf<'/api/v1/audit/events', 'get'>;
export type TrailVerification = AnswerOf<'/api/v1/audit/verify', 'get', 200>;
export type TrailProblem = NonNullable<TrailVerification['firstMismatch']>;

// Coverage.

/** `GET /reports/coverage`: doses by day, and the people section, coverage as a share of the 2021 target population. */
export type CoverageReport = AnswerOf<'/api/v1/reports/coverage', 'get', 200>;
export type CoverageQuery = QueryOf<'/api/v1/reports/coverage', 'get'>;
export type CoverageRow = CoverageReport['rows'][number];
export type PeopleCoverage = CoverageReport['people'];
export type CoverageFigures = PeopleCoverage['total'];

// A citizen's own record (no account; docs/certificates.md).

export type CitizenLookupInput = BodyOf<'/api/v1/citizen/lookup', 'post'>;
export type CitizenVerifyInput = BodyOf<'/api/v1/citizen/verify', 'post'>;
/** `POST /citizen/lookup` → 202: the code went to the phone of record (if name and number match). */
export type CitizenChallenge = AnswerOf<'/api/v1/citizen/lookup', 'post', 202>;
export type CitizenToken = AnswerOf<'/api/v1/citizen/verify', 'post', 200>;
/** `GET /citizen/record` with the citizen token: the person's own doses and certificates. */
export type CitizenRecord = AnswerOf<'/api/v1/citizen/record', 'get', 200>;
export type CitizenDose = CitizenRecord['doses'][number];
export type CitizenCertificate = CitizenRecord['certificates'][number];
