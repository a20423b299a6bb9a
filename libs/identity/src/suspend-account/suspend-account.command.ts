import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const suspendAccountSchema = z.object({ reason: typedText(500).default('suspended by an administrator') });
