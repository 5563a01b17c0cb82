import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useAgreement, usePartnerClients } from '../../api/queries';
import { rateInForce } from '../../api/rate-in-force';
import type { Agreement } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Money } from '../../components/Money';
import { PartnerHeader } from '../../components/PartnerHeader';
import { Empty, Loading, ProblemView } from '../../components/States';
import { percent } from '../../format/decimal';

type Switch = 'suspend' | 'resume' | 'cancel';

const partnerSwitch = (partnerId: string, action: Switch) => {
  const path = {
    suspend: '/v1/partners/{partnerId}/suspend-rebates',
    resume: '/v1/partners/{partnerId}/resume-rebates',
    cancel: '/v1/partners/{partnerId}/cancel-rebates',
  } as const;
  return unwrap(api.POST(path[action], { params: { path: { partnerId } } }));
};

const clientSwitch = (partnerId: string, clientId: string, action: Switch) => {
  const path = {
    suspend: '/v1/partners/{partnerId}/clients/{clientId}/suspend-rebates',
    resume: '/v1/partners/{partnerId}/clients/{clientId}/resume-rebates',
    cancel: '/v1/partners/{partnerId}/clients/{clientId}/cancel-rebates',
  } as const;
  return unwrap(api.POST(path[action], { params: { path: { partnerId, clientId } } }));
};

const DefaultRate = ({ agreement }: { agreement: Agreement }) => {
  const [value, setValue] = useState(agreement.defaultRate ?? '');
  const partnerId = agreement.partnerId;
  return (
    <section aria-labelledby="default-rate" className="card">
      <h2 id="default-rate">Default rate and partner-wide switch</h2>
      <p>
        Default rate: <strong data-testid="default-rate">{percent(agreement.defaultRate)}</strong>
        {agreement.suspended && <span className="badge warn"> all rebates suspended</span>}
      </p>
      <div className="inline-form">
        <label>
          New default rate (%)
          <input
            name="default-rate"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <ConfirmButton
          label="Set default rate"
          question={`Set the default rate of ${partnerId} to ${value}%?`}
          run={() =>
            unwrap(
              api.PUT('/v1/partners/{partnerId}/rebate-rate', {
                params: { path: { partnerId } },
                body: { percent: value },
              }),
            )
          }
        />
        {agreement.suspended ? (
          <ConfirmButton
            label="Resume all"
            question={`Resume the rebates of every client of ${partnerId}?`}
            run={() => partnerSwitch(partnerId, 'resume')}
          />
        ) : (
          <ConfirmButton
            label="Suspend all"
            question={`Suspend the rebates of every client of ${partnerId}?`}
            run={() => partnerSwitch(partnerId, 'suspend')}
            danger
          />
        )}
      </div>
    </section>
  );
};

const ClientControls = ({
  partnerId,
  clientId,
  agreement,
}: {
  partnerId: string;
  clientId: string;
  agreement: Agreement;
}) => {
  const terms = agreement.clients.find((c) => c.clientId === clientId);
  const [value, setValue] = useState(terms?.individualRate ?? '');
  return (
    <div className="controls">
      <label>
        <span className="sr-only">Individual rate of {clientId} (%)</span>
        <input
          name={`rate-${clientId}`}
          inputMode="decimal"
          size={6}
          value={value}
          placeholder="%"
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <ConfirmButton
        label={`Set rate of ${clientId}`}
        text="Set rate"
        question={`Set the individual rate of ${clientId} to ${value}%?`}
        run={() =>
          unwrap(
            api.PUT('/v1/partners/{partnerId}/clients/{clientId}/rebate-rate', {
              params: { path: { partnerId, clientId } },
              body: { percent: value },
            }),
          )
        }
      />
      {terms?.suspended === true ? (
        <ConfirmButton
          label={`Resume ${clientId}`}
          text="Resume"
          question={`Resume the rebates of ${clientId}?`}
          run={() => clientSwitch(partnerId, clientId, 'resume')}
        />
      ) : (
        <ConfirmButton
          label={`Suspend ${clientId}`}
          text="Suspend"
          question={`Suspend the rebates of ${clientId}?`}
          run={() => clientSwitch(partnerId, clientId, 'suspend')}
          danger
        />
      )}
      <ConfirmButton
        label={`Cancel rate of ${clientId}`}
        text="Cancel rate"
        question={`Cancel the individual rate of ${clientId}? It then earns no rebate.`}
        run={() => clientSwitch(partnerId, clientId, 'cancel')}
        danger
      />
    </div>
  );
};

export const Clients = () => {
  const partnerId = useParams()['partnerId'] ?? '';
  const clients = usePartnerClients(partnerId);
  const agreement = useAgreement(partnerId);
  const error = clients.error ?? agreement.error;
  const header = <PartnerHeader partnerId={partnerId} title="Clients of" />;
  if (error !== null) {
    return (
      <>
        {header}
        <ProblemView error={error} />
      </>
    );
  }
  if (clients.data === undefined || agreement.data === undefined) {
    return (
      <>
        {header}
        <Loading what="clients" />
      </>
    );
  }
  const terms = agreement.data;
  return (
    <>
      {header}
      {
        <>
          <DefaultRate key={terms.defaultRate ?? ''} agreement={terms} />
          {clients.data.items.length === 0 ? (
            <Empty>No clients are attached to {partnerId} yet.</Empty>
          ) : (
            <div
              className="table-wrap"
              tabIndex={0}
              role="region"
              aria-label="Table (scrolls sideways)"
            >
              <table>
                <caption>Clients, amounts in USD</caption>
                <thead>
                  <tr>
                    <th scope="col">Client</th>
                    <th scope="col">Trades</th>
                    <th scope="col">Lots</th>
                    <th scope="col">Rebates</th>
                    <th scope="col">Balance</th>
                    <th scope="col">Rate in force</th>
                    <th scope="col">Status</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {clients.data.items.map((client) => {
                    const rate = rateInForce(terms, client.clientId);
                    const own = terms.clients.find((c) => c.clientId === client.clientId);
                    return (
                      <tr key={client.clientId} data-client={client.clientId}>
                        <th scope="row">
                          <Link
                            to={`/partners/${encodeURIComponent(partnerId)}/clients/${encodeURIComponent(client.clientId)}`}
                          >
                            {client.clientId}
                          </Link>
                        </th>
                        <td className="num">{client.trades}</td>
                        <td>
                          <Money value={client.lots} />
                        </td>
                        <td>
                          <Money value={client.rebates} />
                        </td>
                        <td>
                          <Money value={client.balance} />
                        </td>
                        <td data-testid={`rate-${client.clientId}`}>
                          {percent(rate.percent)} <span className="rule">({rate.rule})</span>
                        </td>
                        <td>
                          {own?.suspended === true || terms.suspended
                            ? 'suspended'
                            : own?.cancelled === true
                              ? 'cancelled'
                              : 'active'}
                        </td>
                        <td>
                          <ClientControls
                            key={`${own?.individualRate ?? ''}`}
                            partnerId={partnerId}
                            clientId={client.clientId}
                            agreement={terms}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      }
    </>
  );
};
