/**
 * Drives the real standalone app through identity's HTTP flows the way a person would: bootstrap, sign-in
 * with an authenticator code, activation from the outbox file. Time is a manual clock the test moves.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, CloudEvent } from '@vaxledger/kernel';
import { StandaloneTestApp, type TestResponse } from '@vaxledger/testing';
import { subjectBody } from '../../registry/test/subject-fixtures';
import { bootstrapNationalAdmin } from '../src';
import { totpCodeAt } from '../src/credentials/totp';

export class ManualClock implements Clock {
  private current: number;
  constructor(start = Date.now()) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface Person {
  username: string;
  password: string;
  secret: string;
  accountId: string;
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
}

export const strongPassword = (tag: string) => `Mây-trắng bay ${tag} qua đồi 2021!`;

export function secretOf(otpauthUri: string): string {
  const secret = new URL(otpauthUri).searchParams.get('secret');
  if (!secret) throw new Error('no secret in otpauth URI');
  return secret;
}

export class IdentityTestKit {
  readonly clock = new ManualClock();
  readonly deniedAccess: CloudEvent[] = [];

  private constructor(readonly app: StandaloneTestApp) {}

  static async start(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<IdentityTestKit> {
    const app = await StandaloneTestApp.start({
      dataDir: options.dataDir,
      env: { IDENTITY_ARGON2_MEMORY_KIB: '8192', IDENTITY_ARGON2_PASSES: '1', ...(options.env ?? {}) },
    });
    const kit = new IdentityTestKit(app);
    app.infra.services.identity.clock = kit.clock;
    await app.infra.services.identity.bus.subscribe({
      groupId: `identity-test-denials-${Date.now()}`,
      topics: ['vaxledger.audit.access.v1'],
      handler: async (message) => void kit.deniedAccess.push(message),
    });
    return kit;
  }

  close() {
    return this.app.close();
  }

  request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
  ): Promise<TestResponse<T>> {
    return this.app.request<T>(method, url, { ...options, headers: { 'user-agent': 'identity-e2e/1.0', ...(options.headers ?? {}) } });
  }

  /** The authenticator code at the app's current time. Each sign-in moves 30 s on so codes never repeat. */
  codeFor(person: Pick<Person, 'secret'>): string {
    return totpCodeAt(person.secret, this.clock.now());
  }

  /** A six-digit code that is valid for none of the three time steps around now. */
  wrongCodeFor(person: Pick<Person, 'secret'>): string {
    const valid = [-1, 0, 1].map((d) => totpCodeAt(person.secret, new Date(this.clock.now().getTime() + d * 30_000)));
    return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c))!;
  }

  async bootstrapNationalAdmin(username = 'quantri.quocgia'): Promise<Person> {
    const password = strongPassword('quốc gia');
    const identity = this.app.infra.services.identity;
    const { accountId, otpauthUri } = await bootstrapNationalAdmin({
      username,
      password,
      eventStore: identity.eventStore,
      lookupKey: identity.keys.lookupKey,
      clock: this.clock,
      argon2: { memoryCost: 8192, timeCost: 1, parallelism: 1 },
    });
    return { username, password, secret: secretOf(otpauthUri), accountId };
  }

  async signIn(person: Pick<Person, 'username' | 'password' | 'secret'>): Promise<SignedIn> {
    this.clock.advance(30_000);
    const login = await this.request('POST', '/api/v1/auth/login', { body: { username: person.username, password: person.password } });
    if (login.status !== 200) throw new Error(`login ${login.status} ${JSON.stringify(login.body)}`);
    const verified = await this.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: login.body.challengeId, code: this.codeFor(person) } });
    if (verified.status !== 200) throw new Error(`otp verify ${verified.status} ${JSON.stringify(verified.body)}`);
    return verified.body;
  }

  /** Lines of `<data dir>/outbox/messages.jsonl`, as the standalone delivery wrote them. */
  outbox(): Array<{ to: string; channel: string; purpose: string; code: string; body: string }> {
    const file = join(this.app.dataDir, 'outbox', 'messages.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }

  activationTokenFor(email: string): string {
    const message = this.outbox().filter((m) => m.purpose === 'activation' && m.to === email).pop();
    if (!message) throw new Error(`no activation message for ${email}`);
    return message.code;
  }

  private readonly activated = new Map<string, Omit<Person, 'accountId'>>();

  /** Password and secret of an account this kit activated. */
  async activatedPerson(username: string): Promise<Omit<Person, 'accountId'>> {
    const person = this.activated.get(username);
    if (!person) throw new Error(`${username} was not activated by this kit`);
    return person;
  }

  /** Activation from the outbox, TOTP enrolment, confirmation: the account can sign in afterwards. */
  async activate(username: string, email: string, accountId: string): Promise<Person> {
    const password = strongPassword(`số ${this.activated.size + 1}`);
    const activated = await this.request('POST', '/api/v1/auth/activate', { body: { token: this.activationTokenFor(email), password } });
    if (activated.status !== 200) throw new Error(`activate ${activated.status} ${JSON.stringify(activated.body)}`);
    const secret = secretOf(activated.body.otpauthUri);
    this.clock.advance(30_000);
    const confirmed = await this.request('POST', '/api/v1/auth/totp/confirm', { body: { username, code: totpCodeAt(secret, this.clock.now()) } });
    if (confirmed.status !== 200) throw new Error(`confirm ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
    this.activated.set(username, { username, password, secret });
    return { username, password, secret, accountId };
  }

  async appointProvinceAdmin(adminToken: string, provinceCode: string, username: string): Promise<Person> {
    const email = `${username}@soyte.example.vn`;
    const created = await this.request('POST', `/api/v1/provinces/${provinceCode}/admins`, {
      token: adminToken,
      body: { fullName: `Trần Văn ${username}`, gender: 'male', position: 'Trưởng phòng', email, phone: '0912345678', username },
    });
    if (created.status !== 201) throw new Error(`appoint province admin ${created.status} ${JSON.stringify(created.body)}`);
    return this.activate(username, email, created.body.accountId);
  }

  async registerFacility(token: string, provinceCode: string, code: string): Promise<string> {
    const created = await this.request('POST', '/api/v1/facilities', { token, body: { code, name: `Trạm Y tế ${code}`, provinceCode } });
    if (created.status !== 201) throw new Error(`register facility ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.facilityId;
  }

  async appointFacilityAdmin(token: string, facilityId: string, username: string): Promise<Person> {
    const email = `${username}@tramyte.example.vn`;
    const created = await this.request('POST', `/api/v1/facilities/${facilityId}/admins`, {
      token,
      body: { fullName: `Lê Thị ${username}`, gender: 'female', position: 'Trạm trưởng', email, phone: '0987654321', username },
    });
    if (created.status !== 201) throw new Error(`appoint facility admin ${created.status} ${JSON.stringify(created.body)}`);
    return this.activate(username, email, created.body.accountId);
  }

  /**
   * The scene of the step-up suites: one province with a registering facility that registers two subjects and
   * another facility whose admin (`outsider`) must step up to change them.
   */
  async stepUpScene(tag: string): Promise<{
    registrarToken: string;
    outsider: Person;
    outsiderFacility: string;
    subjectA: string;
    subjectB: string;
  }> {
    const national = await this.bootstrapNationalAdmin();
    const nationalToken = (await this.signIn(national)).accessToken;
    const province = await this.appointProvinceAdmin(nationalToken, '01', `soyte.hanoi.${tag}`);
    const provinceToken = (await this.signIn(province)).accessToken;
    const registering = await this.registerFacility(provinceToken, '01', `HN-${tag.toUpperCase()}-001`);
    const outsiderFacility = await this.registerFacility(provinceToken, '01', `HN-${tag.toUpperCase()}-002`);
    const registrar = await this.appointFacilityAdmin(provinceToken, registering, `tram.dangky.${tag}`);
    const outsider = await this.appointFacilityAdmin(provinceToken, outsiderFacility, `tram.khac.${tag}`);
    const registrarToken = (await this.signIn(registrar)).accessToken;
    const register = async () => {
      const created = await this.request('POST', '/api/v1/subjects', { token: registrarToken, body: subjectBody() });
      if (created.status !== 201) throw new Error(`register subject ${created.status} ${JSON.stringify(created.body)}`);
      return created.body.subjectId as string;
    };
    return { registrarToken, outsider, outsiderFacility, subjectA: await register(), subjectB: await register() };
  }

  /** A step-up token of `person` in `session`, for the subject (and fields) of `body`. */
  async stepUpToken(person: Pick<Person, 'secret'>, session: SignedIn, body: unknown): Promise<string> {
    this.clock.advance(30_000);
    const started = await this.request('POST', '/api/v1/auth/step-up', { token: session.accessToken, body });
    if (started.status !== 200) throw new Error(`step-up ${started.status} ${JSON.stringify(started.body)}`);
    const verified = await this.request('POST', '/api/v1/auth/step-up/verify', {
      token: session.accessToken,
      body: { challengeId: started.body.challengeId, code: this.codeFor(person) },
    });
    if (verified.status !== 200) throw new Error(`step-up verify ${verified.status} ${JSON.stringify(verified.body)}`);
    return verified.body.stepUpToken as string;
  }

  /** PATCH /subjects/{id} in `session`, carrying `stepUpToken`. */
  patchSubject(session: SignedIn, subjectId: string, body: unknown, stepUpToken: string) {
    return this.request('PATCH', `/api/v1/subjects/${subjectId}`, {
      token: session.accessToken,
      body,
      headers: { 'x-step-up-token': stepUpToken },
    });
  }
}
