import type { TestKafka } from './kafka';

/** Waits until the group has committed at least `fraction` of the topic (and not all of it). */
export const waitForProgress = async (
  kafka: TestKafka,
  groupId: string,
  topic: string,
  total: number,
  fraction: number,
  failFast: () => string | undefined = () => undefined,
): Promise<bigint> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const left = await kafka.remaining(groupId, topic);
    if (left <= BigInt(Math.floor(total * (1 - fraction)))) return left;
    const problem = failFast();
    if (problem) throw new Error(problem);
    if (Date.now() > deadline) throw new Error(`no progress: ${left} of ${total} left`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
