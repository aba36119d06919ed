import { useEffect } from 'react';
import { Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { policyTypes } from '../policies/policyApi';
import type { PolicyTypeSchema } from '../policies/policyForm';
import { ConfigurationCard } from './ConfigurationCard';
import { federationTypeOf, guestTypesOf } from './tenantSettings';

/**
 * A screen of tenant-wide configurations, one card each, from the schema the server answers (GET /api/admin/policies):
 * what it shows follows the policy engine, not a copy of it here.
 */
function TenantSettingsScreen({ title, intro, pick }: { title: string; intro: string; pick: (schemas: PolicyTypeSchema[]) => PolicyTypeSchema[] }) {
  useEffect(() => {
    document.title = `${title} – Admin – Conclave`;
  }, [title]);
  const types = useApi(policyTypes, 'policy-types');
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{title}</h1>
      <p className="muted">{intro}</p>
      <Load state={types} what="the tenant's settings">
        {(all) => {
          const shown = pick(all);
          if (shown.length === 0) return <p className="muted">The server has none of these settings.</p>;
          return shown.map((schema) => <ConfigurationCard key={schema.policyType} schema={schema} />);
        }}
      </Load>
    </section>
  );
}

/** Teams' Users > External access: whether and with which organisations people here may communicate. */
export function ExternalAccessScreen() {
  return (
    <TenantSettingsScreen
      title="External access"
      intro="Which other organisations people here may chat, call and meet with. Per-user exceptions are the ExternalAccessPolicy, under Policies."
      pick={federationTypeOf}
    />
  );
}

/** Teams' Users > Guest access: whether guests may sign in, and what they may do in calls and meetings. */
export function GuestAccessScreen() {
  return (
    <TenantSettingsScreen
      title="Guest access"
      intro="Whether guests may be added and sign in, and what they may do in calls and meetings. These apply to every guest of the tenant."
      pick={guestTypesOf}
    />
  );
}
