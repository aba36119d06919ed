import { Route, Routes } from 'react-router';
import { GroupDetail } from './GroupDetail';
import { GroupList } from './GroupList';

/** Groups: the list with a new group form, and one group's members (add, remove). */
export function GroupsSection() {
  return (
    <Routes>
      <Route index element={<GroupList />} />
      <Route path=":idOrName" element={<GroupDetail />} />
    </Routes>
  );
}
