'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { formatBytes } from '@/lib/dashboard/upload-limit';
import { plural } from '@/lib/plural';

interface UploadSummary {
  file: string;
  source: 'polls' | 'hours' | 'zones' | null;
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejections: { line: number; reason: string }[];
  notes: string[];
  error?: string;
}

interface Item {
  key: string;
  file: File;
  state: 'queued' | 'uploading' | 'importing' | 'done' | 'failed';
  sent: number;
  summary?: UploadSummary;
  error?: string;
}

/** Import notes that ask the operator to look (lib/import: `warning: …`). */
const isWarning = (note: string) => note.startsWith('warning: ');

const SOURCE_LABEL = { polls: 'store status polls', hours: 'business hours', zones: 'time zones' } as const;

function upload(file: File, onProgress: (sent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: `unexpected answer (HTTP ${xhr.status})` };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('the upload was interrupted (network error, or the server closed the connection)'));
    xhr.send(file);
  });
}

/** Drag-and-drop / picker upload of CSV files, one request per file, with progress and the import summary. */
export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const warned = items.some((i) => i.summary?.notes.some(isWarning));

  const patch = (key: string, p: Partial<Item>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));

  async function start(files: File[]) {
    if (files.length === 0) return;
    const added = files.map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, file, state: 'queued' as const, sent: 0 }));
    setItems((xs) => [...added, ...xs]);
    setBusy(true);
    for (const it of added) {
      if (it.file.size > maxBytes) {
        patch(it.key, { state: 'failed', error: `${formatBytes(it.file.size)} is over the upload limit of ${formatBytes(maxBytes)} (UPLOAD_MAX_BYTES).` });
        continue;
      }
      patch(it.key, { state: 'uploading' });
      try {
        const { status, body } = await upload(it.file, (sent) => patch(it.key, { sent, state: sent >= it.file.size ? 'importing' : 'uploading' }));
        const b = body as UploadSummary & { error?: string };
        if (status === 200) patch(it.key, { state: 'done', summary: b, sent: it.file.size });
        else patch(it.key, { state: 'failed', summary: b.source !== undefined ? b : undefined, error: b.error ?? `HTTP ${status}` });
      } catch (e) {
        patch(it.key, { state: 'failed', error: (e as Error).message });
      }
    }
    setBusy(false);
    router.refresh();
  }

  return (
    <div>
      <div
        className="dropzone"
        data-over={over ? 'true' : 'false'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void start(Array.from(e.dataTransfer.files));
        }}
      >
        <p style={{ marginTop: 0 }}>
          <strong>Drop CSV files here</strong> (store status, business hours, time zones — one or several at once)
        </p>
        <label htmlFor="csv-files" className="button secondary" style={{ display: 'inline-flex', flexDirection: 'row', color: 'var(--accent)' }}>
          Choose files…
        </label>
        <input
          id="csv-files"
          ref={input}
          type="file"
          accept=".csv,text/csv"
          multiple
          className="sr-only"
          aria-label="CSV files to upload"
          disabled={busy}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void start(files);
          }}
        />
        <p className="small subtle" style={{ marginBottom: 0 }}>
          Up to {formatBytes(maxBytes)} per file. The kind of file is recognised by its header line. Polls are added (duplicates are
          ignored); a business-hours or time-zone file replaces that source as a whole.
        </p>
      </div>

      {items.length > 0 && (
        <ul className="file-list" aria-label="Uploads" aria-live="polite">
          {items.map((it) => {
            const pct = it.file.size > 0 ? Math.floor((100 * it.sent) / it.file.size) : 100;
            const s = it.summary;
            return (
              <li key={it.key} data-testid="upload-item" data-state={it.state}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1rem', alignItems: 'center' }}>
                  <strong className="mono" style={{ overflowWrap: 'anywhere' }}>{it.file.name}</strong>
                  <span className="small subtle">{formatBytes(it.file.size)}</span>
                  <span className="small">
                    {it.state === 'queued' && 'waiting…'}
                    {it.state === 'uploading' && `uploading ${pct}%`}
                    {it.state === 'importing' && 'importing…'}
                    {it.state === 'done' && s && `imported as ${s.source ? SOURCE_LABEL[s.source] : '?'}`}
                    {it.state === 'failed' && 'not imported'}
                  </span>
                </div>
                {(it.state === 'uploading' || it.state === 'importing') && (
                  <div className="progress" role="progressbar" aria-label={`Upload of ${it.file.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} style={{ marginTop: '0.4rem' }}>
                    <div style={{ width: `${pct}%` }} />
                  </div>
                )}
                {it.error && <p role="alert" className="alert alert-error" style={{ margin: '0.5rem 0 0' }}>{it.error}</p>}
                {s && !s.error && (
                  <div data-testid="import-summary" style={{ marginTop: '0.4rem' }}>
                    <p className="small" style={{ margin: 0 }}>
                      Read <strong data-testid="count-read">{s.read.toLocaleString('en-US')}</strong> {plural(s.read, 'row')} · inserted{' '}
                      <strong data-testid="count-inserted">{s.inserted.toLocaleString('en-US')}</strong> · duplicates{' '}
                      <strong data-testid="count-duplicates">{s.duplicates.toLocaleString('en-US')}</strong> · rejected{' '}
                      <strong data-testid="count-rejected" className={s.rejected > 0 ? 'pct-bad' : ''}>{s.rejected.toLocaleString('en-US')}</strong>
                    </p>
                    {s.rejections.length > 0 && (
                      <details open={s.rejections.length <= 5}>
                        <summary className="small">First rejected lines</summary>
                        <ul className="notes small" data-testid="rejections">
                          {s.rejections.map((r) => (
                            <li key={r.line}>line {r.line}: {r.reason}</li>
                          ))}
                        </ul>
                        {s.rejected > s.rejections.length && <p className="small subtle">… and {s.rejected - s.rejections.length} more.</p>}
                      </details>
                    )}
                    {s.notes.filter(isWarning).map((n) => (
                      <p key={n} role="status" className="alert alert-warn small" data-testid="import-warning" style={{ margin: '0.5rem 0 0' }}>
                        <strong>Warning:</strong> {n.slice('warning: '.length)}
                      </p>
                    ))}
                    {s.notes.some((n) => !isWarning(n)) && (
                      <ul className="notes small">{s.notes.filter((n) => !isWarning(n)).map((n) => <li key={n}>{n}</li>)}</ul>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {items.some((i) => i.state === 'done') && !busy && (
        <p className={`alert ${warned ? 'alert-warn' : 'alert-ok'}`} style={{ marginTop: '1rem' }} data-testid="import-finished">
          {warned ? 'Import finished with warnings (see above). ' : 'Import finished. '}
          <Link href="/">Generate a report</Link> on the overview to see the new data.
        </p>
      )}
    </div>
  );
}
