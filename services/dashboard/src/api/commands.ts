import { useMutation, useQueryClient } from '@tanstack/react-query';
import { rememberPosition } from './client';
import type { CommandAnswer } from './types';

/**
 * A command: on success every read is refetched, asking for the command's position so the
 * page shows the change it just made (read-your-writes).
 */
export const useCommand = <Input = void>(run: (input: Input) => Promise<CommandAnswer>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (answer) => {
      rememberPosition(answer.position);
      await queryClient.invalidateQueries();
    },
  });
};
