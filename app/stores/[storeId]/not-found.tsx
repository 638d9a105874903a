import { NotFoundCard } from '@/components/not-found-card';

export default function NotFound() {
  return <NotFoundCard title="Store not found">No store with this id has polls, business hours or a time zone on file.</NotFoundCard>;
}
