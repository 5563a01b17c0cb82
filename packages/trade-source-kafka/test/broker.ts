import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';

/** KAFKA_BROKERS, default the broker `scripts/kafka-start.sh` starts. */
export const brokers = (): string[] =>
  (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

/** Fails (never skips) without a broker, saying how to start one. */
export const requireBroker = async (): Promise<void> => {
  const [first] = brokers();
  const [host, port] = [first?.slice(0, first.lastIndexOf(':')), first?.split(':').pop()];
  const ok = await new Promise<boolean>((resolve) => {
    const socket = new Socket();
    const finish = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(3000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(Number(port), host ?? '127.0.0.1', () => finish(true));
  });
  if (!ok) {
    throw new Error(
      `no Kafka broker answers on ${brokers().join(',')}: run \`bash scripts/kafka-start.sh\` ` +
        '(or set KAFKA_BROKERS to a running broker)',
    );
  }
};

export const freshName = (prefix: string): string =>
  `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;

/** Log sink for tests: quiet unless a test looks. */
export const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
