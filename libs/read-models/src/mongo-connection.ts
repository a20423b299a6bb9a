/**
 * The MongoDB connection string of a service: its own user (password from the environment, never from the
 * configured URL's text) and TLS, added to the configured URL so every client of it (read models, the audit
 * trail) connects the same way.
 */
export interface MongoConnection {
  username?: string;
  password?: string;
  /** Database that holds the user (`admin` unless the deployment made them elsewhere). */
  authSource?: string;
  authMechanism?: 'SCRAM-SHA-256' | 'SCRAM-SHA-1';
  tls?: boolean;
  /** PEM file of the CA that signed the server's certificate. */
  tlsCAFile?: string;
}

export function mongoUrlWithConnection(url: string, connection: MongoConnection): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?([^/?]+)(\/[^?]*)?(?:\?(.*))?$/.exec(url.trim());
  if (!match) throw new RangeError('MONGO_URL must look like mongodb://host:port/database');
  const [, scheme, hosts, path, query] = match;
  const params = new URLSearchParams(query ?? '');
  let userInfo = '';
  const original = /^mongodb(?:\+srv)?:\/\/([^@/]*)@/.exec(url.trim())?.[1];
  if (connection.username) {
    userInfo = `${encodeURIComponent(connection.username)}:${encodeURIComponent(connection.password ?? '')}@`;
    params.set('authSource', connection.authSource ?? params.get('authSource') ?? 'admin');
    if (connection.authMechanism) params.set('authMechanism', connection.authMechanism);
  } else if (original) {
    userInfo = `${original}@`;
  }
  if (connection.tls || connection.tlsCAFile) params.set('tls', 'true');
  if (connection.tlsCAFile) params.set('tlsCAFile', connection.tlsCAFile);
  const search = params.toString();
  return `${scheme}${userInfo}${hosts}${path ?? '/'}${search ? `?${search}` : ''}`;
}
