import { OutboxFileDelivery, SmsGatewayDelivery } from '@vaxledger/delivery';
import type { MessageDelivery } from '@vaxledger/kernel';
import { ConfigError } from '@vaxledger/runtime';

/**
 * immunization's delivery in distributed mode: SMS only (the citizen's one-time codes of the certificates'
 * record look-up, `citizen_otp`; reminders), through the HTTP gateway identity uses (`SMS_GATEWAY_URL`,
 * `SMS_GATEWAY_TOKEN`). `OUTBOX_FILE` instead writes the JSON-lines outbox (staging, tests).
 */
export function smsDeliveryFromEnv(env: NodeJS.ProcessEnv): MessageDelivery {
  if (env.OUTBOX_FILE) return new OutboxFileDelivery(env.OUTBOX_FILE);
  const problems: string[] = [];
  if (!env.SMS_GATEWAY_URL) problems.push('SMS_GATEWAY_URL: required by immunization to send citizens their certificate look-up codes (or set OUTBOX_FILE)');
  if (!env.SMS_GATEWAY_TOKEN) problems.push('SMS_GATEWAY_TOKEN: required with SMS_GATEWAY_URL');
  if (problems.length) throw new ConfigError(problems);
  return new SmsGatewayDelivery({ url: env.SMS_GATEWAY_URL!, token: env.SMS_GATEWAY_TOKEN! });
}
