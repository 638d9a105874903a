import { NotFoundCard } from '@/components/not-found-card';

export default function NotFound() {
  return <NotFoundCard title="Report not found">No report has this id. Reports are listed in the history on the overview.</NotFoundCard>;
}
