/** How a Kafka client proves who it is (SASL) and checks whom it talks to (TLS). */
import type { KafkaConfig, SASLOptions } from 'kafkajs';

export type KafkaSaslMechanism = 'scram-sha-512' | 'scram-sha-256' | 'plain';

export interface KafkaSecurity {
  /** The client's principal; the broker's ACLs decide what it may read and write. */
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
  /** TLS to the brokers; `ca` (PEM) replaces the system trust store, for a deployment's own CA. */
  tls?: { ca?: string };
}

/** The kafkajs client settings for `security`: `ssl` and `sasl`, or nothing for PLAINTEXT. */
export function kafkaJsSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!security) return {};
  const settings: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (security.tls) settings.ssl = security.tls.ca ? { ca: [security.tls.ca] } : true;
  if (security.sasl) {
    const { mechanism, username, password } = security.sasl;
    settings.sasl = { mechanism, username, password } as SASLOptions;
  }
  return settings;
}
