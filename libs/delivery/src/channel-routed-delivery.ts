/** One MessageDelivery for the distributed services: email through SMTP, SMS through the gateway. */
import type { MessageDelivery, OutboundMessage } from '@vaxledger/kernel';

export class ChannelRoutedDelivery implements MessageDelivery {
  constructor(private readonly byChannel: Record<OutboundMessage['channel'], MessageDelivery>) {}

  send(message: OutboundMessage): Promise<void> {
    return this.byChannel[message.channel].send(message);
  }
}
