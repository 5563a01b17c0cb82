import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** Statements answer JSON or CSV (`format`); the pages ask for JSON. */
const json = <T>(answer: T | string): T => {
  if (typeof answer === 'string') throw new Error('the statement came back as CSV, not JSON');
  return answer;
};

/** The reads the pages share, cached by TanStack Query under their path and parameters. */

export const usePartner = (partnerId: string) =>
  useQuery({
    queryKey: ['partner', partnerId],
    queryFn: () => unwrap(api.GET('/v1/partners/{partnerId}', { params: { path: { partnerId } } })),
  });

export const usePartnerClients = (partnerId: string) =>
  useQuery({
    queryKey: ['partner-clients', partnerId],
    queryFn: () =>
      unwrap(api.GET('/v1/partners/{partnerId}/clients', { params: { path: { partnerId } } })),
  });

export const useAgreement = (partnerId: string) =>
  useQuery({
    queryKey: ['agreement', partnerId],
    queryFn: () =>
      unwrap(api.GET('/v1/partners/{partnerId}/agreement', { params: { path: { partnerId } } })),
  });

export const usePartnerStatement = (partnerId: string, from: string, to: string) =>
  useQuery({
    queryKey: ['partner-statement', partnerId, from, to],
    queryFn: async () =>
      json(
        await unwrap(
          api.GET('/v1/partners/{partnerId}/statement', {
            params: { path: { partnerId }, query: { from, to } },
          }),
        ),
      ),
  });

export const useClientStatement = (clientId: string, from: string, to: string) =>
  useQuery({
    queryKey: ['client-statement', clientId, from, to],
    queryFn: async () =>
      json(
        await unwrap(
          api.GET('/v1/clients/{clientId}/statement', {
            params: { path: { clientId }, query: { from, to } },
          }),
        ),
      ),
  });

export const useClient = (clientId: string) =>
  useQuery({
    queryKey: ['client', clientId],
    queryFn: () => unwrap(api.GET('/v1/clients/{clientId}', { params: { path: { clientId } } })),
  });

/** Every partner's balances, now or as of an instant of recorded time (`asOf`). */
export const usePartners = (asOf?: string) =>
  useQuery({
    queryKey: ['partners', asOf],
    queryFn: () =>
      unwrap(api.GET('/v1/partners', { params: { query: asOf === undefined ? {} : { asOf } } })),
  });

export const useSubPartners = (partnerId: string) =>
  useQuery({
    queryKey: ['sub-partners', partnerId],
    queryFn: () =>
      unwrap(api.GET('/v1/partners/{partnerId}/sub-partners', { params: { path: { partnerId } } })),
  });

export const useSubPartnerStatement = (
  partnerId: string,
  subPartnerId: string,
  from: string,
  to: string,
) =>
  useQuery({
    queryKey: ['sub-partner-statement', partnerId, subPartnerId, from, to],
    queryFn: async () =>
      json(
        await unwrap(
          api.GET('/v1/partners/{partnerId}/sub-partners/{subPartnerId}/statement', {
            params: { path: { partnerId, subPartnerId }, query: { from, to } },
          }),
        ),
      ),
  });
