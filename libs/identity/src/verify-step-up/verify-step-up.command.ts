import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

/** The code the user read from their authenticator (or SMS, email), against the challenge start-step-up opened. */
export const stepUpVerifySchema = z.object({
  challengeId: typedText(64).describe('The challengeId POST /auth/step-up answered, in this session'),
  code: typedText(16).describe('The code from the authenticator app, SMS or email'),
});
