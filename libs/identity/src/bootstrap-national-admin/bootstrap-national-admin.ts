/**
 * Creates the first national administrator from the console (no HTTP route): refuses when one exists. The
 * `national-admin` reservation stream makes the check safe against two consoles racing.
 */
import { derivePurposeKey } from '@vaxledger/runtime';
import { type EventStore, newId, type Clock, type CommandMetadata } from '@vaxledger/kernel';
import { PasswordHasher, type Argon2Cost } from '../credentials/password-hasher';
import { SecretSealer } from '../credentials/secret-sealing';
import { newTotpSecret, otpauthUri } from '../credentials/totp';
import { usernameSchema } from '../domain/person-details';
import { passwordProblems } from '../domain/password-policy';
import { identityStreams } from '../identity-streams';
import { IdentityWriteModel } from '../identity-write-model';

export class BootstrapRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BootstrapRefused';
  }
}

export interface BootstrapNationalAdminInput {
  username: string;
  password: string;
  eventStore: EventStore;
  /** The identity service's lookup key: the TOTP secret is sealed with a key derived from it. */
  lookupKey: Buffer;
  clock: Clock;
  issuer?: string;
  argon2?: Argon2Cost;
}

export async function bootstrapNationalAdmin(input: BootstrapNationalAdminInput): Promise<{ accountId: string; otpauthUri: string }> {
  const parsed = usernameSchema.safeParse(input.username);
  if (!parsed.success) throw new BootstrapRefused(parsed.error.issues[0]?.message ?? 'invalid username');
  const username = parsed.data;
  const problems = passwordProblems(input.password, username);
  if (problems.length) throw new BootstrapRefused(`password refused: ${problems.join('; ')}`);

  const write = new IdentityWriteModel(input.eventStore, derivePurposeKey(input.lookupKey, 'usernames'));
  if ((await write.reservationOwner(identityStreams.nationalAdminReservation)) !== null) {
    throw new BootstrapRefused('a national administrator already exists; nothing was changed');
  }
  if ((await write.accountIdForUsername(username)) !== null) throw new BootstrapRefused(`the username "${username}" is already in use`);

  const accountId = newId();
  const now = input.clock.now();
  const meta: CommandMetadata = { actor: { accountId: 'console' }, now, correlationId: newId() };
  if (!(await write.claim(identityStreams.nationalAdminReservation, accountId, meta))) {
    throw new BootstrapRefused('a national administrator already exists; nothing was changed');
  }
  if (!(await write.claim(write.usernameReservationStream(username), accountId, meta))) {
    throw new BootstrapRefused(`the username "${username}" is already in use`);
  }
  const secret = newTotpSecret();
  const passwordHash = await new PasswordHasher(input.argon2).hash(input.password);
  const stream = identityStreams.account(accountId);
  await write.accounts.handle(
    stream,
    {
      type: 'GrantAccount',
      accountId,
      username,
      role: 'national_admin',
      rights: [],
      facilityId: null,
      provinceCode: null,
      profile: { fullName: username, gender: 'other', position: 'National administrator', unit: null, email: '', phone: '' },
      requestId: null,
      activation: null,
      now,
    },
    meta,
  );
  await write.accounts.handle(
    stream,
    { type: 'SetInitialCredentials', passwordHash, sealedTotpSecret: new SecretSealer(input.lookupKey).seal(secret), now },
    meta,
  );
  return { accountId, otpauthUri: otpauthUri(secret, username, input.issuer ?? 'vaxledger') };
}
