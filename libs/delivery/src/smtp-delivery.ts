/** Distributed delivery of email messages (activation tokens, email codes) through an SMTP relay with nodemailer. */
import type { MessageDelivery, OutboundMessage } from '@vaxledger/kernel';
import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpDeliveryOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  /** Refuse to send when the server does not offer STARTTLS (production). */
  requireTls?: boolean;
  user?: string;
  password?: string;
  from: string;
}

const subjects: Record<OutboundMessage['purpose'], string> = {
  activation: 'Your vaxledger account',
  otp: 'Your vaxledger sign-in code',
  reminder: 'Nhắc lịch tiêm chủng',
  citizen_otp: 'Your vaccination record code',
  password_reset: 'Your vaxledger password was reset',
};

export class SmtpDelivery implements MessageDelivery {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpDeliveryOptions) {
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      requireTLS: options.requireTls ?? false,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
    });
  }

  async send(message: OutboundMessage): Promise<void> {
    if (message.channel !== 'email') throw new Error(`SmtpDelivery sends email only, not ${message.channel}`);
    await this.transport.sendMail({ from: this.options.from, to: message.to, subject: subjects[message.purpose], text: message.body });
  }

  close(): void {
    this.transport.close();
  }
}
