import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const rejectAccountRequestSchema = z.object({ reason: typedText(500) });
