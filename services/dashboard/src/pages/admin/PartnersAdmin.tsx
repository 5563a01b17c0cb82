import { api, unwrap } from '../../api/client';
import { CommandForm, filled } from '../../components/CommandForm';

export const PartnersAdmin = () => (
  <>
    <header className="page-header">
      <h1>Partners and clients</h1>
    </header>
    <div className="cards">
      <CommandForm
        title="Register a partner"
        submit="Register"
        fields={[
          { name: 'partnerId', label: 'Partner id', required: true },
          { name: 'model', label: 'Model', options: ['agent', 'referral'] },
          {
            name: 'parentId',
            label: 'Parent partner (optional)',
            hint: 'Makes it a sub-partner of this partner.',
          },
        ]}
        run={(values) => {
          const { partnerId = '', model = 'agent', parentId } = filled(values);
          // parentId is the sub-partners issue's field; sent only when typed.
          const body = { partnerId, model, ...(parentId === undefined ? {} : { parentId }) };
          return unwrap(api.POST('/v1/partners', { body }));
        }}
      />
      <CommandForm
        title="Attach a client"
        submit="Attach"
        fields={[
          { name: 'partnerId', label: 'Partner id', required: true },
          { name: 'clientId', label: 'Client id', required: true },
        ]}
        run={({ partnerId = '', clientId = '' }) =>
          unwrap(
            api.POST('/v1/partners/{partnerId}/clients', {
              params: { path: { partnerId } },
              body: { clientId },
            }),
          )
        }
      />
    </div>
  </>
);
