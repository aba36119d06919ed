import { type FormEvent, Fragment, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Load } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import '../admin-policies.css';
import { effectivePolicyOf } from '../policies/policyApi';
import { valueText } from './effective';

/** A user's effective policy of every type and where each comes from (Get-CsEffectivePolicy). */
export function EffectivePolicyScreen() {
  useEffect(() => {
    document.title = 'Effective policy – Admin – Conclave';
  }, []);
  const [search, setSearch] = useSearchParams();
  const user = search.get('user') ?? '';
  const [typed, setTyped] = useState(user);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim() !== '') setSearch({ user: typed.trim() });
  };

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Effective policy</h1>
      <form onSubmit={submit} className="place" role="search" aria-label="Effective policy of a user">
        <label htmlFor="effective-user">User (sign-in name)</label>
        <input id="effective-user" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        <button type="submit" id="show-effective" className="primary">
          Show
        </button>
      </form>
      {user === '' ? <p className="muted">Give a user to see which policy of each type applies to them and why.</p> : <Effective user={user} />}
    </section>
  );
}

function Effective({ user }: { user: string }) {
  const entries = useApi(() => effectivePolicyOf(user), user);
  return (
    <Load state={entries} what={`the effective policy of ${user}`}>
      {(list) => (
        <div id="effective-policy">
          <h2>Policies of {user}</h2>
          {list.map((entry) => (
            <section key={entry.policyType} className="card effective" aria-labelledby={`effective-${entry.policyType}`} data-policy-type={entry.policyType}>
              <h3 id={`effective-${entry.policyType}`}>{entry.policyType}</h3>
              <p>
                <span className="muted">Source: </span>
                <strong className="source">{entry.source}</strong>
              </p>
              <details>
                <summary>Values of {entry.policyIdentity}</summary>
                <dl className="facts">
                  {Object.entries(entry.parameters).map(([name, value]) => (
                    <Fragment key={name}>
                      <dt>{name}</dt>
                      <dd>{valueText(value)}</dd>
                    </Fragment>
                  ))}
                </dl>
              </details>
            </section>
          ))}
        </div>
      )}
    </Load>
  );
}
