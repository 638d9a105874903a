import type { ReportStatus } from '@/lib/reports/read';

const LABELS: Record<ReportStatus, string> = { pending: 'Pending', running: 'Running', complete: 'Complete', failed: 'Failed' };

export function StatusBadge({ status }: { status: ReportStatus }) {
  return <span className={`badge badge-${status}`} data-testid="status-badge">{LABELS[status] ?? status}</span>;
}
