import { ChannelRoutedDelivery, OutboxFileDelivery, SmsGatewayDelivery, SmtpDelivery } from '@vaxledger/delivery';
import type { MessageDelivery } from '@vaxledger/kernel';
import { ConfigError } from '@vaxledger/runtime';

/**
 * identity's delivery in distributed mode: email through SMTP (`SMTP_URL`, e.g.
 * `smtps://user:pass@mail.example:465`, sender `SMTP_FROM`) and SMS through an HTTP gateway
 * (`SMS_GATEWAY_URL`, `SMS_GATEWAY_TOKEN`). `OUTBOX_FILE` instead writes the JSON-lines outbox (staging).
 */
export function deliveryFromEnv(env: NodeJS.ProcessEnv): MessageDelivery {
  if (env.OUTBOX_FILE) return new OutboxFileDelivery(env.OUTBOX_FILE);
  const problems: string[] = [];
  if (!env.SMTP_URL) problems.push('SMTP_URL: required by identity to deliver activation tokens and email codes (or set OUTBOX_FILE)');
  if (!env.SMS_GATEWAY_URL) problems.push('SMS_GATEWAY_URL: required by identity to deliver SMS codes (or set OUTBOX_FILE)');
  if (!env.SMS_GATEWAY_TOKEN) problems.push('SMS_GATEWAY_TOKEN: required with SMS_GATEWAY_URL');
  if (problems.length) throw new ConfigError(problems);
  let smtp: URL;
  try {
    smtp = new URL(env.SMTP_URL!);
  } catch {
    throw new ConfigError(['SMTP_URL: must be a URL like smtps://user:password@host:465']);
  }
  const secure = smtp.protocol === 'smtps:';
  return new ChannelRoutedDelivery({
    email: new SmtpDelivery({
      host: smtp.hostname,
      port: Number(smtp.port || (secure ? 465 : 587)),
      secure,
      requireTls: !secure,
      user: smtp.username ? decodeURIComponent(smtp.username) : undefined,
      password: smtp.password ? decodeURIComponent(smtp.password) : undefined,
      from: env.SMTP_FROM ?? 'vaxledger <no-reply@localhost>',
    }),
    sms: new SmsGatewayDelivery({ url: env.SMS_GATEWAY_URL!, token: env.SMS_GATEWAY_TOKEN! }),
  });
}
