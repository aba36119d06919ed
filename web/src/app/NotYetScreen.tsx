import { useEffect } from 'react';

/** The frame of a feature this server does not offer yet: it says so plainly. */
export function NotYetScreen({ feature }: { feature: string }) {
  useEffect(() => {
    document.title = `${feature} – Conclave`;
  }, [feature]);
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{feature}</h1>
      <p className="notice">{feature} is not available yet on this server. Calls work today: place one from the Calls screen.</p>
    </section>
  );
}
