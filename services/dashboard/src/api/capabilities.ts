import { useQuery } from '@tanstack/react-query';

interface Operation {
  readonly parameters?: readonly { name: string; in: string }[];
}
type Document = { paths?: Record<string, Record<string, Operation>> };

/**
 * What the running API documents: a page asks before sending something an older API would
 * misread (a payout preview sent to an API without `dryRun` would pay).
 */
export const useOpenApi = () =>
  useQuery({
    queryKey: ['openapi'],
    staleTime: Infinity,
    queryFn: async (): Promise<Document> => {
      const response = await fetch('/openapi.json');
      return response.ok ? ((await response.json()) as Document) : {};
    },
  });

export const hasParameter = (
  document: Document | undefined,
  path: string,
  method: string,
  name: string,
): boolean => document?.paths?.[path]?.[method]?.parameters?.some((p) => p.name === name) === true;
