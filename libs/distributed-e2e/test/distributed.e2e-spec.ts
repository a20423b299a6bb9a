/**
 * The distributed deployment end to end: identity, registry, immunization and audit each in its own Node
 * process on the real Kafka, Mongo-wire and Redis engines, nginx in front with the repository's gateway routes,
 * and the mission walked through the gateway the way people at the ministry, a province and two facilities would.
 * Then a service is killed mid-work (SIGKILL) and must catch up after its restart with nothing lost or doubled.
 */
import { resolve } from 'node:path';
import { allTopics, Topics } from '@vaxledger/contracts';
import { newId } from '@vaxledger/kernel';
import {
  kafkaNamespaceOf,
  AuthenticatorApp,
  buildDistributedApps,
  DistributedDeployment,
  type GatewayResponse,
  KafkaTap,
  nginxForThisRun,
  waitFor,
} from '@vaxledger/distributed-e2e';
import { describeWithEngine, describeWithTool } from '@vaxledger/testing';

const repositoryRoot = resolve(__dirname, '../../..');
const nginx = nginxForThisRun();

const nginxTool = { name: 'nginx', location: nginx, install: 'apt-get install -y nginx' };

interface Person {
  username: string;
  email: string;
  password: string;
  accountId: string;
  /** TOTP accounts; the others receive their codes by email (identity's outbox file). */
  authenticator?: AuthenticatorApp;
}

interface AuditItem {
  eventId: string;
  type: string;
  topic: string;
  action: string | null;
  actor: { accountId: string | null };
  subjectIds: string[];
  purpose: string | null;
  details: { service?: string; reason?: string; cause?: string };
}

const passwordFor = (n: number) => `Mây trắng bay số ${n} qua đèo Hải Vân!`;

describeWithEngine('kafka', 'distributed deployment', (kafkaBrokers) => {
  describeWithEngine('mongo', 'four service processes', (mongoUrl) => {
    describeWithEngine('redis', 'one gateway', (redisUrl) => {
      describeWithTool(nginxTool, 'the national mission through the gateway', (nginxBinary) => {
        let deployment: DistributedDeployment;
        let tap: KafkaTap;
        let people = 0;

        const national = { username: 'quantri.quocgia', email: '', password: passwordFor(0) } as Person;
        let province: Person;
        let facilityAdmin: Person;
        let vaccinator: Person;
        let otherFacilityStaff: Person;
        let auditor: Person;
        let facilityA: string;
        let facilityB: string;
        let subjectId: string;
        const subject = {
          fullName: 'Nguyễn Thị Hồng Nhung',
          dateOfBirth: '1984-06-21',
          gender: 'female',
          idDocument: { type: 'CCCD', number: `0011840${String(Date.now()).slice(-5)}` },
          phone: `091${String(Date.now()).slice(-7)}`,
          address: { provinceCode: '01', districtCode: '005', line: 'Số 8 ngõ 12 Trần Duy Hưng' },
        };
        const tokens: Record<string, string> = {};

        const api = <T = any>(...args: Parameters<DistributedDeployment['api']['request']>) =>
          deployment.api.request<T>(...args);

        function expectStatus(response: GatewayResponse, status: number, what: string): void {
          if (response.status !== status) {
            throw new Error(
              `${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
            );
          }
        }

        /** Password, then the one-time code from the person's authenticator or mailbox: the access token. */
        async function signIn(person: Person): Promise<string> {
          const seen = deployment.outbox.countFor(person.email);
          const login = await api('POST', '/api/v1/auth/login', {
            body: { username: person.username, password: person.password },
          });
          expectStatus(login, 200, `login of ${person.username}`);
          expect(login.body).not.toHaveProperty('accessToken');
          const code = person.authenticator
            ? await person.authenticator.nextCode()
            : (
                await waitFor(`a sign-in code for ${person.username}`, async () =>
                  deployment.outbox.after(person.email, 'otp', seen),
                )
              ).code;
          const verified = await api('POST', '/api/v1/auth/otp/verify', {
            body: { challengeId: login.body.challengeId, code },
          });
          expectStatus(verified, 200, `one-time code of ${person.username}`);
          return verified.body.accessToken;
        }

        /** The activation token from the person's mailbox, a password, and (TOTP) enrolment confirmed. */
        async function activate(
          username: string,
          email: string,
          accountId: string,
          otpMethod: 'totp' | 'email' = 'totp',
        ): Promise<Person> {
          const message = await waitFor(`the activation message to ${email}`, async () =>
            deployment.outbox.latest(email, 'activation'),
          );
          const password = passwordFor(++people);
          const activated = await api('POST', '/api/v1/auth/activate', {
            body: { token: message.code, password, otpMethod },
          });
          expectStatus(activated, 200, `activation of ${username}`);
          expect(activated.body.accountId).toBe(accountId);
          const person: Person = { username, email, password, accountId };
          if (otpMethod === 'totp') {
            person.authenticator = AuthenticatorApp.fromOtpauthUri(activated.body.otpauthUri);
            const confirmed = await api('POST', '/api/v1/auth/totp/confirm', {
              body: { username, code: await person.authenticator.nextCode() },
            });
            expectStatus(confirmed, 200, `TOTP enrolment of ${username}`);
          }
          return person;
        }

        const personDetails = (username: string, email: string) => ({
          fullName: `Trần Minh ${username}`,
          gender: 'male',
          position: 'Chuyên viên',
          email,
          phone: '0912345678',
          username,
        });

        const staffEntry = (username: string, rights: string[]) => ({
          ...personDetails(username, `${username}@tramyte.example.vn`),
          unit: 'Tổ tiêm chủng',
          position: 'Điều dưỡng',
          rights,
        });

        async function grantedStaff(
          submitterToken: string,
          facilityId: string,
          username: string,
          rights: string[],
        ): Promise<string> {
          const submitted = await api('POST', '/api/v1/account-requests', {
            token: submitterToken,
            body: { facilityId, staff: [staffEntry(username, rights)] },
          });
          expectStatus(submitted, 202, `account request for ${username}`);
          const requestId = submitted.body.requestId;
          await waitFor("the request in the province admin's pending list", async () => {
            const pending = await api('GET', '/api/v1/account-requests?status=pending', {
              token: tokens.province,
            });
            return (
              pending.status === 200 &&
              pending.body.items.some((item: { requestId: string }) => item.requestId === requestId)
            );
          });
          const approved = await api('POST', `/api/v1/account-requests/${requestId}/approve`, {
            token: tokens.province,
            body: {},
          });
          expectStatus(approved, 200, `approval of ${username}`);
          return approved.body.approved[0].accountId;
        }

        async function recordDose(
          token: string,
          administeredAt: string,
          lotNumber: string,
        ): Promise<GatewayResponse> {
          return api('POST', `/api/v1/subjects/${subjectId}/doses`, {
            token,
            body: {
              vaccineCode: 'VAXZEVRIA',
              lotNumber,
              administeredAt,
              facilityId: facilityA,
              site: 'LD',
              route: 'IM',
            },
          });
        }

        /** Every trail entry about the subject (all pages), leaving out the auditor's own look-ups of it. */
        async function trailOf(id: string): Promise<AuditItem[]> {
          const items: AuditItem[] = [];
          let cursor: string | null = null;
          do {
            const page: GatewayResponse = await api(
              'GET',
              `/api/v1/audit/events?subjectId=${id}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
              {
                token: tokens.auditor,
              },
            );
            expectStatus(page, 200, 'audit query');
            items.push(...page.body.items);
            cursor = page.body.nextCursor;
          } while (cursor);
          return items.filter((item) => item.action !== 'audit.subject-history');
        }

        beforeAll(async () => {
          buildDistributedApps(repositoryRoot);
          const runId = Math.random().toString(16).slice(2, 10);
          tap = await KafkaTap.open({
            brokers: kafkaBrokers.split(','),
            topics: allTopics.map((topic) => `${kafkaNamespaceOf(runId)}.${topic}`),
            clientId: `vx-e2e-${runId}`,
          });
          deployment = await DistributedDeployment.start({
            repositoryRoot,
            runId,
            nginxBinary,
            engines: { kafkaBrokers, mongoUrl, redisUrl },
            // Cheaper password hashing: this suite tests the deployment, not argon2's cost.
            // A roomy per-address bucket: every request of this suite comes from the one loopback address.
            settings: {
              identity: { IDENTITY_ARGON2_MEMORY_KIB: '8192', IDENTITY_ARGON2_PASSES: '1', IDENTITY_LOGIN_ADDRESS_BURST: '300' },
            },
          });
        }, 240_000);

        afterAll(async () => {
          const stopped = deployment
            ? await deployment.close({ keepFiles: process.env.VAXLEDGER_E2E_KEEP === '1' })
            : null;
          await tap?.close();
          if (stopped) {
            // Each process must leave on SIGTERM by itself, closing its engines, and not need the SIGKILL fallback.
            for (const [service, exit] of Object.entries(stopped))
              expect({ service, ...exit }).toEqual({ service, code: 0, forced: false });
          }
        }, 90_000);

        it('runs every service as its own process behind one gateway that routes by path', async () => {
          const pids = Object.values(deployment.services).map((service) => service.pid);
          expect(new Set(pids).size).toBe(4);
          expect((await api('GET', '/health/ready')).status).toBe(200);
          // Each service answers its own routes through the gateway: unauthenticated calls meet its guard.
          for (const path of [
            '/api/v1/facilities',
            '/api/v1/vaccines',
            '/api/v1/audit/events',
            '/api/v1/auth/sessions',
          ]) {
            const response = await api('GET', path);
            expect({ path, status: response.status, error: response.body?.error }).toEqual({
              path,
              status: 401,
              error: expect.any(String),
            });
          }
          const unknown = await api('GET', '/api/v1/nowhere');
          expect(unknown).toMatchObject({ status: 404, body: { error: 'not_found' } });
        });

        it('refuses a forged AccountReinstated from registry\'s or immunization\'s Kafka credentials on identity\'s account topic', async () => {
          const forged = {
            specversion: '1.0' as const,
            id: newId(),
            source: '/vaxledger/identity',
            type: 'AccountReinstated',
            time: new Date().toISOString(),
            datacontenttype: 'application/json' as const,
            partitionkey: 'forged-account',
            data: { accountId: 'forged-account' },
          };
          // Each service process runs as its own SCRAM user; the run's ACLs let identity alone write this topic.
          await expect(deployment.publishAs('registry', Topics.identityAccount, [forged])).rejects.toThrow(/authoriz/i);
          await expect(deployment.publishAs('immunization', Topics.identityAccount, [forged])).rejects.toThrow(/authoriz/i);
          expect(tap.messages().filter((message) => message.event.id === forged.id)).toEqual([]);
        });

        it('bootstraps the national admin on the console once, and signs it in with password and authenticator code', async () => {
          const created = await deployment.runCli([
            'bootstrap-admin',
            '--username',
            national.username,
            '--password',
            national.password,
          ]);
          expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });
          const otpauthUri = /otpauth:\/\/\S+/.exec(created.stdout)?.[0];
          expect(otpauthUri).toBeDefined();
          national.accountId = /account ([0-9a-f-]{36})/.exec(created.stdout)?.[1] ?? '';
          national.authenticator = AuthenticatorApp.fromOtpauthUri(otpauthUri!);

          const again = await deployment.runCli([
            'bootstrap-admin',
            '--username',
            'someone.else',
            '--password',
            passwordFor(99),
          ]);
          expect(again.code).toBe(1);
          expect(again.stderr).toContain('refused');

          const wrongPassword = await api('POST', '/api/v1/auth/login', {
            body: { username: national.username, password: passwordFor(98) },
          });
          expect(wrongPassword).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
          tokens.national = await signIn(national);
          const me = await api('GET', `/api/v1/accounts/${national.accountId}`, { token: tokens.national });
          expect(me).toMatchObject({ status: 200, body: { role: 'national_admin', status: 'active' } });
        }, 60_000);

        it('appoints a province admin who activates from the delivered token, enrols an authenticator and signs in', async () => {
          const email = 'soyte.hanoi@soyte.example.vn';
          const appointed = await api('POST', '/api/v1/provinces/01/admins', {
            token: tokens.national,
            body: personDetails('soyte.hanoi', email),
          });
          expectStatus(appointed, 201, 'province admin appointment');
          province = await activate('soyte.hanoi', email, appointed.body.accountId);
          tokens.province = await signIn(province);
          const me = await api('GET', `/api/v1/accounts/${province.accountId}`, { token: tokens.province });
          expect(me).toMatchObject({
            status: 200,
            body: { role: 'province_admin', provinceCode: '01', status: 'active' },
          });
        }, 90_000);

        it('registers two facilities and a facility admin, and grants the staff each facility asked for', async () => {
          const register = async (code: string) => {
            const created = await api('POST', '/api/v1/facilities', {
              token: tokens.province,
              body: { code, name: `Trạm Y tế ${code}`, provinceCode: '01', districtCode: '005' },
            });
            expectStatus(created, 201, `facility ${code}`);
            return created.body.facilityId as string;
          };
          facilityA = await register('HN-CG-001');
          facilityB = await register('HN-CG-002');

          const adminEmail = 'tram.caugiay@tramyte.example.vn';
          const appointed = await api('POST', `/api/v1/facilities/${facilityA}/admins`, {
            token: tokens.province,
            body: personDetails('tram.caugiay', adminEmail),
          });
          expectStatus(appointed, 201, 'facility admin appointment');
          facilityAdmin = await activate('tram.caugiay', adminEmail, appointed.body.accountId);
          tokens.facilityAdmin = await signIn(facilityAdmin);

          // Facility A's admin submits its vaccinator; the province grants it.
          const vaccinatorId = await grantedStaff(tokens.facilityAdmin, facilityA, 'lan.pham', [
            'data_entry',
            'subject_management',
            'dose_history_update',
          ]);
          vaccinator = await activate('lan.pham', 'lan.pham@tramyte.example.vn', vaccinatorId);
          tokens.vaccinator = await signIn(vaccinator);

          // Facility B's staff member receives codes by email instead of an authenticator.
          const otherId = await grantedStaff(tokens.province, facilityB, 'minh.vu', [
            'data_entry',
            'subject_management',
          ]);
          otherFacilityStaff = await activate('minh.vu', 'minh.vu@tramyte.example.vn', otherId, 'email');
          tokens.otherFacilityStaff = await signIn(otherFacilityStaff);

          const me = await api('GET', `/api/v1/accounts/${vaccinatorId}`, { token: tokens.vaccinator });
          expect(me).toMatchObject({
            status: 200,
            body: { role: 'staff', facilityId: facilityA, provinceCode: '01' },
          });
          const listed = await waitFor('both facilities in the province list', async () => {
            const r = await api('GET', '/api/v1/facilities?provinceCode=01', { token: tokens.national });
            return r.status === 200 && r.body.items.length === 2 ? r.body.items : null;
          });
          expect(listed.map((f: { id: string }) => f.id).sort()).toEqual([facilityA, facilityB].sort());
        }, 120_000);

        it('creates a national auditor who signs in like everyone else', async () => {
          const email = 'kiemtoan@boyte.example.vn';
          const created = await api('POST', '/api/v1/accounts', {
            token: tokens.national,
            body: { ...personDetails('kiem.toan', email), role: 'auditor' },
          });
          expectStatus(created, 201, 'auditor account');
          auditor = await activate('kiem.toan', email, created.body.accountId);
          tokens.auditor = await signIn(auditor);
        }, 90_000);

        it('registers a subject at facility A and finds it by full name and phone, masked', async () => {
          const registered = await api('POST', '/api/v1/subjects', {
            token: tokens.vaccinator,
            body: subject,
          });
          expectStatus(registered, 201, 'subject registration');
          subjectId = registered.body.subjectId;
          const duplicate = await api('POST', '/api/v1/subjects', {
            token: tokens.otherFacilityStaff,
            body: { ...subject, fullName: 'Nguyễn Hồng Nhung' },
          });
          expect(duplicate).toMatchObject({ status: 409, body: { error: 'subject_already_registered' } });

          const found = await waitFor('the subject in search results', async () => {
            const r = await api('POST', '/api/v1/subjects/search', {
              token: tokens.otherFacilityStaff,
              body: { fullName: 'NGUYEN THI HONG NHUNG', phone: subject.phone },
            });
            return r.status === 200 && r.body.items.length ? r.body.items : null;
          });
          expect(found).toHaveLength(1);
          expect(found[0]).toMatchObject({ subjectId, managingFacilityId: facilityA, birthYear: 1984 });
          expect(found[0].phone).not.toBe(subject.phone);
          expect(found[0].phone.endsWith(subject.phone.slice(-3))).toBe(true);
          expect(JSON.stringify(found[0])).not.toContain(subject.idDocument.number);
          const oneField = await api('POST', '/api/v1/subjects/search', {
            token: tokens.vaccinator,
            body: { phone: subject.phone },
          });
          expect(oneField).toMatchObject({ status: 400, body: { error: 'search_criteria_invalid' } });
        }, 60_000);

        it('lets another facility change the name only with a fresh step-up code, used once', async () => {
          const change = { fullName: 'Nguyễn Thị Hồng Nhung Anh' };
          const without = await api('PATCH', `/api/v1/subjects/${subjectId}`, {
            token: tokens.otherFacilityStaff,
            body: change,
          });
          expect(without).toMatchObject({ status: 403, body: { error: 'step_up_required' } });

          const seen = deployment.outbox.countFor(otherFacilityStaff.email);
          const challenge = await api('POST', '/api/v1/auth/step-up', {
            token: tokens.otherFacilityStaff,
            body: { subjectId, fields: ['fullName'] },
          });
          expect(challenge).toMatchObject({ status: 200, body: { method: 'email' } });
          const code = await waitFor('the step-up code by email', async () =>
            deployment.outbox.after(otherFacilityStaff.email, 'otp', seen),
          );
          const verified = await api('POST', '/api/v1/auth/step-up/verify', {
            token: tokens.otherFacilityStaff,
            body: { challengeId: challenge.body.challengeId, code: code.code },
          });
          expectStatus(verified, 200, 'step-up verification');
          const stepUp = { 'x-step-up-token': verified.body.stepUpToken };

          const changed = await api('PATCH', `/api/v1/subjects/${subjectId}`, {
            token: tokens.otherFacilityStaff,
            body: change,
            headers: stepUp,
          });
          expect(changed).toMatchObject({
            status: 200,
            body: { subjectId, changedFields: ['fullName'], stepUpUsed: true },
          });
          const reused = await api('PATCH', `/api/v1/subjects/${subjectId}`, {
            token: tokens.otherFacilityStaff,
            body: { fullName: 'Nguyễn Thị Nhung' },
            headers: stepUp,
          });
          expect(reused).toMatchObject({ status: 403, body: { error: 'step_up_required' } });
          const record = await api('GET', `/api/v1/subjects/${subjectId}`, {
            token: tokens.vaccinator,
            headers: { 'x-purpose': 'vaccination' },
          });
          expect(record).toMatchObject({
            status: 200,
            body: { fullName: change.fullName, managingFacilityId: facilityA },
          });
        }, 60_000);

        it('refuses a step-up token on another subject, on other fields and from another session, through the gateway', async () => {
          const askFor = async (token: string, body: object) => {
            const seen = deployment.outbox.countFor(otherFacilityStaff.email);
            const started = await api('POST', '/api/v1/auth/step-up', { token, body });
            expectStatus(started, 200, 'step-up challenge');
            const code = await waitFor('the step-up code by email', async () =>
              deployment.outbox.after(otherFacilityStaff.email, 'otp', seen),
            );
            const verified = await api('POST', '/api/v1/auth/step-up/verify', {
              token,
              body: { challengeId: started.body.challengeId, code: code.code },
            });
            expectStatus(verified, 200, 'step-up verification');
            return { 'x-step-up-token': verified.body.stepUpToken as string };
          };
          const before = await api('GET', `/api/v1/subjects/${subjectId}`, {
            token: tokens.vaccinator,
            headers: { 'x-purpose': 'vaccination' },
          });
          expect((await api('POST', '/api/v1/auth/step-up', { token: tokens.otherFacilityStaff, body: {} })).status).toBe(400);

          const forAnother = await askFor(tokens.otherFacilityStaff, { subjectId: 'another-subject' });
          const onThisOne = await api('PATCH', `/api/v1/subjects/${subjectId}`, {
            token: tokens.otherFacilityStaff,
            body: { fullName: 'Kẻ Mạo Danh' },
            headers: forAnother,
          });
          expect(onThisOne).toMatchObject({ status: 403, body: { error: 'step_up_required' } });

          const forBirthDate = await askFor(tokens.otherFacilityStaff, { subjectId, fields: ['dateOfBirth'] });
          const onTheName = await api('PATCH', `/api/v1/subjects/${subjectId}`, {
            token: tokens.otherFacilityStaff,
            body: { fullName: 'Kẻ Mạo Danh' },
            headers: forBirthDate,
          });
          expect(onTheName).toMatchObject({ status: 403, body: { error: 'step_up_required' } });

          const otherSession = await signIn(otherFacilityStaff);
          const fromOtherSession = await api('PATCH', `/api/v1/subjects/${subjectId}`, {
            token: otherSession,
            body: { dateOfBirth: '1970-01-01' },
            headers: forBirthDate,
          });
          expect(fromOtherSession).toMatchObject({ status: 403, body: { error: 'step_up_required' } });

          const after = await api('GET', `/api/v1/subjects/${subjectId}`, {
            token: tokens.vaccinator,
            headers: { 'x-purpose': 'vaccination' },
          });
          expect(after.body.fullName).toBe(before.body.fullName);
          expect(after.body.dateOfBirth).toBe(before.body.dateOfBirth);

          // Each refusal reached the trail over Kafka as registry's denial, naming the binding that failed.
          const denied = await waitFor(
            'the refused step-ups in the trail',
            async () => {
              const items = (await trailOf(subjectId)).filter(
                (item) => item.type === 'vaxledger.access.denied' && item.action === 'subject.profile.change',
              );
              // With the two of the case before: no token at all, and the token used a second time.
              return items.length >= 5 ? items : null;
            },
            30_000,
          );
          expect(denied.map((item) => item.details.cause).sort()).toEqual([
            'step_up_missing',
            'step_up_other_fields',
            'step_up_other_session',
            'step_up_other_subject',
            'step_up_used',
          ]);
          for (const item of denied) {
            expect(item).toMatchObject({
              actor: { accountId: otherFacilityStaff.accountId },
              subjectIds: [subjectId],
              details: { service: 'registry', reason: 'step_up_required' },
            });
          }
          expect(JSON.stringify(denied)).not.toContain('Kẻ Mạo Danh');
        }, 90_000);

        it('keeps a token from before a suspension refused after reinstatement, in every service behind the gateway', async () => {
          const old = tokens.facilityAdmin;
          const registryAnswer = async (token: string) =>
            (await api('GET', `/api/v1/facilities/${facilityA}/subjects`, { token })).status;
          expect(await registryAnswer(old)).toBe(200);
          expectStatus(
            await api('POST', `/api/v1/accounts/${facilityAdmin.accountId}/suspend`, { token: tokens.province, body: { reason: 'kiểm tra' } }),
            200,
            'suspension',
          );
          expectStatus(
            await api('POST', `/api/v1/accounts/${facilityAdmin.accountId}/reinstate`, { token: tokens.province }),
            200,
            'reinstatement',
          );
          // Kafka carries both events to registry; the later reinstatement must not revive the old token.
          await waitFor('the suspension to reach registry', async () => (await registryAnswer(old)) === 401, 30_000);
          await new Promise((done) => setTimeout(done, 2_000));
          expect(await registryAnswer(old)).toBe(401);
          expect((await api('GET', '/api/v1/auth/sessions', { token: old })).status).toBe(401);
          tokens.facilityAdmin = await signIn(facilityAdmin);
          expect(await registryAnswer(tokens.facilityAdmin)).toBe(200);
        }, 90_000);

        it('records the real client address, not a forged X-Forwarded-For, and throttles a guessed username with 429', async () => {
          const forged = await api('POST', '/api/v1/auth/login', {
            body: { username: facilityAdmin.username, password: passwordFor(97) },
            headers: { 'x-forwarded-for': '203.0.113.77' },
          });
          expect(forged).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
          const history = await waitFor('the wrong password in the login history', async () => {
            const r = await api('GET', '/api/v1/auth/login-history', { token: tokens.facilityAdmin });
            const wrong = (r.body?.items ?? []).filter((i: { outcome: string }) => i.outcome === 'wrong_password');
            return wrong.length ? wrong : null;
          });
          expect(history.map((i: { ip: string }) => i.ip)).not.toContain('203.0.113.77');
          expect(history[0].ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);

          const guessed = `khong.ton.tai.${Date.now()}`;
          const answers: GatewayResponse[] = [];
          for (let i = 0; i < 8; i++) {
            answers.push(await api('POST', '/api/v1/auth/login', { body: { username: guessed, password: passwordFor(200 + i) } }));
          }
          expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
          const throttled = answers[answers.length - 1];
          expect(throttled).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
          expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        }, 90_000);

        it('records doses at facility A, refuses one that comes too soon, and registry learns them over Kafka', async () => {
          const first = await recordDose(tokens.vaccinator, '2021-08-02T09:30:00+07:00', 'ABV5811');
          expect(first).toMatchObject({ status: 201, body: { doseNumber: 1 } });
          const tooSoon = await recordDose(tokens.vaccinator, '2021-08-12T09:30:00+07:00', 'ABV5900');
          expect(tooSoon).toMatchObject({ status: 422, body: { error: 'dose_interval_too_short' } });
          const second = await recordDose(tokens.vaccinator, '2021-10-04T10:00:00+07:00', 'ABV6120');
          expect(second).toMatchObject({ status: 201, body: { doseNumber: 2 } });

          const history = await api('GET', `/api/v1/subjects/${subjectId}/doses`, {
            token: tokens.vaccinator,
            headers: { 'x-purpose': 'vaccination' },
          });
          expect(history.status).toBe(200);
          expect(history.body.items.map((d: { doseId: string }) => d.doseId)).toEqual([
            first.body.doseId,
            second.body.doseId,
          ]);
          const summary = await waitFor('two doses in the registry summary', async () => {
            const r = await api('GET', `/api/v1/subjects/${subjectId}`, { token: tokens.vaccinator });
            return r.body?.doseSummary?.dosesRecorded === 2 ? r.body.doseSummary : null;
          });
          expect(summary).toMatchObject({ lastVaccineCode: 'VAXZEVRIA', highestDoseNumber: 2 });
        }, 60_000);

        it('answers the auditor who looked at the subject, across services', async () => {
          const looks = await waitFor(
            'the reads and searches in the trail',
            async () => {
              const items = await trailOf(subjectId);
              const actions = new Set(items.map((item) => `${item.actor.accountId} ${item.action}`));
              return actions.has(`${otherFacilityStaff.accountId} subject.search`) &&
                actions.has(`${vaccinator.accountId} subject.read`) &&
                items.some((item) => item.type === 'vaxledger.immunization.record.read')
                ? items
                : null;
            },
            30_000,
          );
          const read = looks.find(
            (item) =>
              item.action === 'subject.read' && item.actor.accountId === vaccinator.accountId && item.purpose,
          );
          expect(read).toMatchObject({ subjectIds: [subjectId], purpose: 'vaccination' });
          const text = JSON.stringify(looks);
          for (const personal of [subject.phone, subject.idDocument.number, 'Hồng Nhung'])
            expect(text).not.toContain(personal);

          const outOfScope = await api('GET', `/api/v1/audit/events?subjectId=${subjectId}`, {
            token: tokens.vaccinator,
          });
          expect(outOfScope).toMatchObject({ status: 403, body: { error: 'out_of_scope' } });
        }, 60_000);

        it('keeps recording doses while registry is killed, and registry catches up after its restart', async () => {
          const exit = await deployment.services.registry.kill('SIGKILL');
          expect(exit.signal).toBe('SIGKILL');
          expect(
            (await api('GET', `/api/v1/subjects/${subjectId}`, { token: tokens.vaccinator })).status,
          ).toBe(502);

          // Immunization and identity carry on: a booster is recorded, and the vaccinator signs out and in again.
          const booster = await recordDose(tokens.vaccinator, '2022-01-10T08:15:00+07:00', 'FF3522');
          expect(booster).toMatchObject({ status: 201, body: { doseNumber: 3 } });
          const endedSession = tokens.vaccinator;
          expect((await api('POST', '/api/v1/auth/logout', { token: endedSession })).status).toBe(204);
          tokens.vaccinator = await signIn(vaccinator);

          await deployment.restart('registry');
          const summary = await waitFor(
            'the booster in the restarted registry',
            async () => {
              const r = await api('GET', `/api/v1/subjects/${subjectId}`, { token: tokens.vaccinator });
              return r.body?.doseSummary?.dosesRecorded === 3 ? r.body.doseSummary : null;
            },
            60_000,
          );
          expect(summary).toMatchObject({
            highestDoseNumber: 3,
            lastAdministeredAt: '2022-01-10T08:15:00+07:00',
          });
          // The sign-out happened while registry was down; it took it from the account topic on its way back.
          await waitFor(
            'the ended session refused by registry',
            async () => {
              const r = await api('GET', `/api/v1/subjects/${subjectId}`, { token: endedSession });
              return r.status === 401;
            },
            30_000,
          );
        }, 150_000);

        it('keeps working while audit is killed, and audit then holds every message it missed exactly once', async () => {
          const exit = await deployment.services.audit.kill('SIGKILL');
          expect(exit.signal).toBe('SIGKILL');
          expect(
            (await api('GET', `/api/v1/audit/events?subjectId=${subjectId}`, { token: tokens.auditor }))
              .status,
          ).toBe(502);

          // Work the trail must not miss: a read, a search, a dose history read, a dose void, a sign-in.
          const read = await api('GET', `/api/v1/subjects/${subjectId}`, {
            token: tokens.vaccinator,
            headers: { 'x-purpose': 'other' },
          });
          expect(read.status).toBe(200);
          const search = await api('POST', '/api/v1/subjects/search', {
            token: tokens.otherFacilityStaff,
            body: { fullName: 'Nguyễn Thị Hồng Nhung Anh', idNumber: subject.idDocument.number },
          });
          expect(search.body.items.map((item: { subjectId: string }) => item.subjectId)).toEqual([subjectId]);
          const history = await api('GET', `/api/v1/subjects/${subjectId}/doses`, {
            token: tokens.vaccinator,
          });
          expect(history.body.items).toHaveLength(3);
          const voided = await api(
            'POST',
            `/api/v1/subjects/${subjectId}/doses/${history.body.items[2].doseId}/void`,
            {
              token: tokens.vaccinator,
              body: { reason: 'Nhập nhầm lô vắc xin' },
            },
          );
          expect(voided).toMatchObject({ status: 200, body: { status: 'voided' } });
          tokens.national = await signIn(national);
          await waitFor('the void on the record topic', async () =>
            tap.concerning(subjectId).some((m) => m.event.type === 'vaxledger.immunization.dose.voided'),
          );

          await deployment.restart('audit');
          // Compared once both sides are quiet: the witness's distinct messages about the subject, and the trail.
          const { published, kept } = await waitFor(
            'the trail to hold what was published about the subject',
            async () => {
              const ids = tap
                .concerning(subjectId)
                .map((message) => message.event.id)
                .sort();
              const items = await trailOf(subjectId);
              const keptIds = new Set(items.map((item) => item.eventId));
              return keptIds.size === ids.length && ids.every((id) => keptIds.has(id))
                ? { published: ids, kept: items }
                : null;
            },
            60_000,
          );
          expect(published.length).toBeGreaterThanOrEqual(12);
          // Equal as lists: nothing missing, nothing extra, no message kept twice.
          expect(kept.map((item) => item.eventId).sort()).toEqual(published);

          const verified = await api('GET', '/api/v1/audit/verify', { token: tokens.auditor });
          expect(verified).toMatchObject({ status: 200, body: { ok: true, firstMismatch: null } });
          // The sign-in made while audit was down is there too, once, beside the earlier attempts.
          const signIns = await waitFor(
            "the national admin's sign-ins in the trail",
            async () => {
              const r = await api(
                'GET',
                `/api/v1/audit/events?actorId=${national.accountId}&type=LoginAttempted`,
                { token: tokens.auditor },
              );
              const items: Array<AuditItem & { outcome: string }> = r.status === 200 ? r.body.items : [];
              return items.filter((item) => item.outcome === 'success').length >= 2 ? items : null;
            },
            30_000,
          );
          expect(signIns.map((item) => item.outcome).sort()).toEqual([
            'password_accepted',
            'password_accepted',
            'success',
            'success',
            'wrong_password',
          ]);
          expect(new Set(signIns.map((item) => item.eventId)).size).toBe(signIns.length);
        }, 150_000);

        it('issues, verifies, revokes and reissues certificates in immunization from registry\'s holder feed, and sends the citizen a look-up code', async () => {
          const issued = await waitFor(
            'a certificate issued once the holder reached immunization',
            async () => {
              const r = await api('POST', `/api/v1/subjects/${subjectId}/certificates`, { token: tokens.vaccinator, body: {} });
              return r.status === 201 ? r.body : null;
            },
            30_000,
          );
          const verify = async (hc1: string) => (await api('POST', '/api/v1/certificates/verify', { body: { hc1 } })).body;
          const first = await verify(issued.hc1);
          // The name registry changed earlier (with a step-up), as its holder feed told immunization.
          expect(first).toMatchObject({ valid: true, payload: { dob: subject.dateOfBirth, nam: { fn: 'Nguyễn', gn: 'Thị Hồng Nhung Anh' } } });
          expect(first.payload.v[0]).toMatchObject({ dn: 2, dt: '2021-10-04' });

          const history = await api('GET', `/api/v1/subjects/${subjectId}/doses`, {
            token: tokens.vaccinator,
            headers: { 'x-purpose': 'vaccination' },
          });
          const second = history.body.items.find((dose: { doseNumber: number; status: string }) => dose.doseNumber === 2 && dose.status !== 'voided');
          const corrected = await api('POST', `/api/v1/subjects/${subjectId}/doses/${second.doseId}/correct`, {
            token: tokens.vaccinator,
            body: { administeredAt: '2021-10-05T10:00:00+07:00', reason: 'Ngày tiêm nhập sai / wrong date entered' },
          });
          expectStatus(corrected, 200, 'dose correction');
          // The correction travels immunization → Kafka → immunization's certificate lifecycle, which revokes and reissues.
          const [renewed, revoked] = await waitFor(
            'the certificate revoked and a replacement issued',
            async () => {
              const r = await api('GET', `/api/v1/subjects/${subjectId}/certificates`, { token: tokens.vaccinator });
              return r.status === 200 && r.body.items.length === 2 ? r.body.items : null;
            },
            30_000,
          );
          expect(revoked).toMatchObject({ certificateId: issued.certificateId, status: 'revoked', revocationReason: 'statement_changed' });
          expect(renewed).toMatchObject({ status: 'valid', replaces: [issued.certificateId] });
          // The verifier reads the revocations from the certificate index, a projection a moment behind the streams.
          const refused = await waitFor('the old certificate refused by the verifier', async () => {
            const verdict = await verify(issued.hc1);
            return verdict.valid === false ? verdict : null;
          });
          expect(refused).toMatchObject({ valid: false, reason: 'revoked' });
          const renewedVerdict = await verify(renewed.hc1);
          expect(renewedVerdict).toMatchObject({ valid: true, payload: { nam: { gn: 'Thị Hồng Nhung Anh' } } });
          expect(renewedVerdict.payload.v[0].dt).toBe('2021-10-05');

          // The citizen finds their record by name and ID number: immunization hashes the number as registry does.
          const asked = await api('POST', '/api/v1/citizen/lookup', {
            body: { fullName: 'nguyễn thị hồng nhung anh', idNumber: subject.idDocument.number },
          });
          expectStatus(asked, 202, 'citizen look-up');
          const sent = await waitFor('the citizen code in the outbox', async () =>
            deployment.outbox.messages().filter((m) => m.purpose === 'citizen_otp').pop(),
          );
          expect(sent).toMatchObject({ channel: 'sms', code: expect.stringMatching(/^\d{6}$/) });
          expect(sent.to.endsWith(subject.phone.slice(1))).toBe(true);
          const citizen = await api('POST', '/api/v1/citizen/verify', { body: { challengeId: asked.body.challengeId, code: sent.code } });
          expectStatus(citizen, 200, 'citizen code');
          const record = await api('GET', '/api/v1/citizen/record', { token: citizen.body.citizenToken });
          expectStatus(record, 200, 'citizen record');
          expect(record.body.fullName).toBe('Nguyễn Thị Hồng Nhung Anh');
          expect(record.body.certificates).toEqual(
            expect.arrayContaining([expect.objectContaining({ certificateId: renewed.certificateId, status: 'valid' })]),
          );

          // The holder feed on the wire: keyed by subject id, the ID number only as a keyed hash.
          const holderTopic = `${kafkaNamespaceOf(deployment.runId)}.${Topics.registryHolder}`;
          const holderMessages = tap.messages().filter((m) => m.topic === holderTopic);
          expect(holderMessages.length).toBeGreaterThanOrEqual(2);
          expect(holderMessages.every((m) => /^[0-9a-f-]{36}$/.test(m.key ?? ''))).toBe(true);
          expect(JSON.stringify(holderMessages)).not.toContain(subject.idDocument.number);
          // …and nothing else on the wire carries the name.
          const elsewhere = tap.messages().filter((m) => m.topic !== holderTopic);
          expect(JSON.stringify(elsewhere)).not.toContain('Hồng Nhung');
        }, 120_000);
      });
    });
  });
});
