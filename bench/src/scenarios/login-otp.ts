/**
 * login-otp: password + one-time-code sign-ins per second through the real HTTP flow. Accounts are created
 * the way a national admin does it (POST /api/v1/accounts), activated with the token from the outbox, with
 * one-time codes delivered by email (to the outbox): an authenticator (TOTP) account accepts each 30-second
 * code once, so a sustained load on few accounts has to use delivered codes. The cost that dominates —
 * argon2id on the password — is the same for both methods.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { identitySettingsSchema } from '@vaxledger/identity';
import { newId } from '@vaxledger/kernel';
import { type BenchContext, profileDirFor } from '../bench-context';
import type { ScenarioOutcome } from '../bench-report';
import { mintAccessToken } from '../bench-tokens';
import type { LoginPlan, LoginSummary } from '../login-driver';
import { SeededRandom } from '../seeded-random';
import { provisionSigningKey, StandaloneServer } from '../standalone-server';
import { SubjectGenerator } from '../subject-generator';

const accountCount = 48;
const concurrency = 16;

export async function runLoginOtp(ctx: BenchContext): Promise<ScenarioOutcome> {
  const { options, log } = ctx;
  const dataDir = join(ctx.workDir, 'login-data');
  provisionSigningKey(dataDir);
  const server = await StandaloneServer.start({
    dataDir,
    cpuProfileDir: profileDirFor(ctx, 'login-otp-server'),
  });
  try {
    const admin = await mintAccessToken(
      {
        accountId: newId(),
        role: 'national_admin',
        rights: [],
        facilityId: null,
        provinceCode: null,
        sessionId: newId(),
      },
      server.tokenSigningKey(),
    );
    log(`[login-otp] creating and activating ${accountCount} accounts`);
    const accounts = await createAccounts(server, admin, options.seed);
    const planFile = join(ctx.workDir, 'login.plan.json');
    const plan: LoginPlan = {
      baseUrl: server.baseUrl,
      outboxPath: join(dataDir, 'outbox', 'messages.jsonl'),
      accounts,
      seconds: options.loadSeconds,
      concurrency,
    };
    writeFileSync(planFile, JSON.stringify(plan));
    log(`  ${options.loadSeconds} s of sign-ins, ${concurrency} concurrent clients`);
    const summary = await runDriver(planFile);
    const peak = await server.stop();
    const settings = identitySettingsSchema.parse(process.env);
    log(
      `  ${summary.loginsPerSec} sign-ins/s, p50 ${summary.flow.p50Ms} ms, p99 ${summary.flow.p99Ms} ms, ${summary.errors} errors`,
    );
    return {
      result: {
        requests: summary.logins * 2,
        logins: summary.logins,
        durationSeconds: summary.seconds,
        throughputPerSec: summary.loginsPerSec,
        p50Ms: summary.flow.p50Ms,
        p90Ms: summary.flow.p90Ms,
        p99Ms: summary.flow.p99Ms,
        maxMs: summary.flow.maxMs,
        errors: summary.errors,
        passwordStep: summary.passwordStep,
        otpStep: summary.otpStep,
        concurrency,
        accounts: accounts.length,
        argon2: {
          type: 'argon2id',
          memoryKiB: settings.IDENTITY_ARGON2_MEMORY_KIB,
          passes: settings.IDENTITY_ARGON2_PASSES,
          parallelism: 1,
        },
        peakRssMb: peak,
        target: 'none in the brief (recorded)',
        notes: [
          'one sign-in = POST /auth/login (argon2id verify) + POST /auth/otp/verify; latencies are of the whole flow, measured by the client (sub-ms resolution)',
          ...(summary.firstError ? [`first error: ${summary.firstError}`] : []),
        ],
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function createAccounts(server: StandaloneServer, adminToken: string, seed: number) {
  const people = new SubjectGenerator({ seed: seed + 2, minAgeYears: 22 });
  const random = new SeededRandom(seed + 3);
  const outbox = join(server.dataDir, 'outbox', 'messages.jsonl');
  const accounts: LoginPlan['accounts'] = [];
  for (let i = 0; i < accountCount; i++) {
    const person = people.next();
    const username = `auditor.${i}.${random.digits(6)}`;
    const email = `${username}@bench.vaxledger.test`;
    const created = await post(
      server,
      '/api/v1/accounts',
      {
        fullName: person.fullName,
        gender: person.gender,
        position: 'Kiểm toán viên',
        email,
        phone: person.phone,
        username,
        role: 'auditor',
      },
      adminToken,
    );
    if (created.status !== 201)
      throw new Error(`creating an account answered ${created.status}: ${JSON.stringify(created.body)}`);
    const token = activationTokenFor(outbox, email);
    const password = `Bench ${random.digits(8)} tiêm chủng!`;
    const activated = await post(server, '/api/v1/auth/activate', { token, password, otpMethod: 'email' });
    if (activated.status !== 200 && activated.status !== 201) {
      throw new Error(`activation answered ${activated.status}: ${JSON.stringify(activated.body)}`);
    }
    accounts.push({ username, password, email });
  }
  return accounts;
}

function activationTokenFor(outbox: string, email: string): string {
  if (!existsSync(outbox)) throw new Error('no outbox file: the activation token was not delivered');
  const lines = readFileSync(outbox, 'utf8').trim().split('\n').reverse();
  for (const line of lines) {
    const message = JSON.parse(line) as { to: string; purpose: string; code: string };
    if (message.purpose === 'activation' && message.to === email) return message.code;
  }
  throw new Error('no activation token for the new account in the outbox');
}

async function post(
  server: StandaloneServer,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function runDriver(planFile: string): Promise<LoginSummary> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'login-driver.js'), planFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const code: number = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`login driver exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoginSummary;
}
