import Link from 'next/link';
import { NotFoundCard } from '@/components/not-found-card';

export default function NotFound() {
  return (
    <NotFoundCard title="Report not found">
      No report has this id. Every report is listed on <Link href="/reports">All reports</Link>.
    </NotFoundCard>
  );
}
