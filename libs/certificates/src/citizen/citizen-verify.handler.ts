import { DomainError, type Clock } from '@vaxledger/kernel';
import type { CitizenChallenges } from './citizen-challenges';
import type { CitizenVerifyInput } from './citizen-lookup.command';
import type { CitizenTokens } from './citizen-tokens';

/** Trades a right code for a short-lived token that reads that one person's record. */
export class CitizenVerifyHandler {
  constructor(
    private readonly challenges: CitizenChallenges,
    private readonly tokens: CitizenTokens,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  async execute(input: CitizenVerifyInput): Promise<{ citizenToken: string; expiresIn: number }> {
    const subjectId = await this.challenges.redeem(input.challengeId, input.code);
    // One answer for a wrong code, an unknown or used challenge, and a look-up that matched nobody.
    if (!subjectId) throw new DomainError('unauthenticated', 'invalid_code', 'The code is not valid for this challenge.');
    return { citizenToken: await this.tokens.sign(subjectId, this.clock.now()), expiresIn: this.ttlSeconds };
  }
}
