import { useEffect } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import './admin-policies.css';
import { adminSections } from './sections';

/**
 * The admin center at /admin/*: a sub-navigation of its sections and their routes. It is reachable by
 * anyone who types the address; each section then shows the server's refusal (403 problem) to people
 * without an admin role, because the API, not this screen, is the guard.
 */
export function AdminCenter() {
  const first = adminSections[0];
  useEffect(() => {
    document.title = 'Admin center – Conclave';
  }, []);

  return (
    <section aria-labelledby="screen-title" className="admin">
      <h1 id="screen-title">Admin center</h1>
      <nav aria-label="Admin center" className="admin-nav">
        <ul>
          {adminSections.map((section) => (
            <li key={section.path}>
              <NavLink to={`/admin/${section.path}`}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        {first && <Route index element={<Navigate to={first.path} replace />} />}
        {adminSections.map((section) => (
          <Route key={section.path} path={`${section.path}/*`} element={section.element} />
        ))}
        <Route path="*" element={<p>There is no such section of the admin center. Choose one above.</p>} />
      </Routes>
    </section>
  );
}
