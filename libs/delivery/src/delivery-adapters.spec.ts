/**
 * The distributed delivery adapters against real local servers: a minimal SMTP receiver speaking the protocol
 * on 127.0.0.1, and an HTTP server standing in for the SMS gateway.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { ChannelRoutedDelivery } from './channel-routed-delivery';
import { SmsGatewayDelivery } from './sms-gateway-delivery';
import { SmtpDelivery } from './smtp-delivery';

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

function smtpReceiver(received: ReceivedMail[]): TcpServer {
  return createTcpServer((socket) => {
    let mail: ReceivedMail = { from: '', to: [], data: '' };
    let inData = false;
    let buffer = '';
    socket.write('220 127.0.0.1 test SMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(mail);
            mail = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          } else mail.data += line + '\n';
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 127.0.0.1\r\n');
        else if (verb === 'MAIL') {
          mail.from = line.slice(10).trim();
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          mail.to.push(line.slice(8).trim());
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        }
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
}

const listen = (server: TcpServer | HttpServer) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('distributed message delivery', () => {
  it('sends an activation token by email through an SMTP server', async () => {
    const received: ReceivedMail[] = [];
    const server = smtpReceiver(received);
    const port = await listen(server);
    const smtp = new SmtpDelivery({ host: '127.0.0.1', port, secure: false, from: 'no-reply@vaxledger.example.vn' });
    try {
      await smtp.send({ to: 'lan@example.vn', channel: 'email', purpose: 'activation', code: 'tok-123', body: 'Activate with tok-123' });
      expect(received).toHaveLength(1);
      expect(received[0].to[0]).toContain('lan@example.vn');
      expect(received[0].data).toContain('Subject: Your vaxledger account');
      expect(received[0].data).toContain('Activate with tok-123');
    } finally {
      smtp.close();
      server.close();
    }
  });

  it('posts an SMS code to the gateway with its bearer token, and surfaces a refusal', async () => {
    const requests: Array<{ auth: string | undefined; body: unknown }> = [];
    let status = 202;
    const server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push({ auth: req.headers.authorization, body: JSON.parse(body) });
        res.statusCode = status;
        res.end('{}');
      });
    });
    const port = await listen(server);
    const sms = new SmsGatewayDelivery({ url: `http://127.0.0.1:${port}/messages`, token: 'gateway-secret' });
    const delivery = new ChannelRoutedDelivery({ sms, email: { send: async () => undefined } });
    try {
      await delivery.send({ to: '+84912345678', channel: 'sms', purpose: 'otp', code: '123456', body: 'Your code is 123456' });
      expect(requests[0]).toEqual({
        auth: 'Bearer gateway-secret',
        body: { to: '+84912345678', text: 'Your code is 123456', sender: 'vaxledger', purpose: 'otp' },
      });
      status = 503;
      await expect(sms.send({ to: '+84912345678', channel: 'sms', purpose: 'otp', code: '1', body: 'x' })).rejects.toThrow('HTTP 503');
    } finally {
      server.close();
    }
  });

  it('refuses a message for the other channel rather than sending it somewhere wrong', async () => {
    const sms = new SmsGatewayDelivery({ url: 'http://127.0.0.1:9/unused', token: 't' });
    await expect(sms.send({ to: 'a@b.vn', channel: 'email', purpose: 'otp', code: '1', body: 'x' })).rejects.toThrow(/SMS only/);
  });
});
