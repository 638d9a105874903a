import { NotFoundCard } from '@/components/not-found-card';

export default function NotFound() {
  return <NotFoundCard title="Page not found">There is nothing at this address.</NotFoundCard>;
}
