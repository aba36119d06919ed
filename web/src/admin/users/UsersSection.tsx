import { Route, Routes } from 'react-router';
import { CreateUserForm } from './CreateUserForm';
import { UserDetail } from './UserDetail';
import { UserList } from './UserList';

/** Users: the list (with search), a new user, and one user's page (edit, resets, remove). */
export function UsersSection() {
  return (
    <Routes>
      <Route index element={<UserList />} />
      <Route path="new" element={<CreateUserForm />} />
      <Route path=":idOrUpn" element={<UserDetail />} />
    </Routes>
  );
}
