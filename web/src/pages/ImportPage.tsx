// Import: drop files, folders or zip archives (or pick them); the upload is queued as a batch
// and each file's state is shown as the server works (read / duplicate / skipped / failed with
// the reason); reports whose agency or year could not be decided are asked here, with suggestions.

import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Checkbox, InputNumber, Progress, Select, Space, Table, Tag } from 'antd';
import { api } from '../api.ts';
import { ITEM_COLORS, ITEM_STATES } from '../labels.ts';
import { useSession } from '../session.tsx';

interface Item {
  id: string;
  position: number;
  name: string;
  state: string;
  report_id: string | null;
  message: string | null;
  agency_match: string | null;
  suggestions: { id: string; name: string; why: string }[] | null;
}

interface Batch {
  id: string;
  total: number;
  counts: Record<string, number>;
  done: boolean;
  items: Item[];
}

/** Files of a dropped folder, read through the entries API (any depth). */
async function filesOf(entry: FileSystemEntry, prefix = ''): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
    return [new File([file], `${prefix}${file.name}`, { type: file.type })];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const out: File[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) break;
    for (const e of batch) out.push(...(await filesOf(e, `${prefix}${entry.name}/`)));
  }
  return out;
}

function Decide({ item, onDone }: { item: Item; onDone: () => void }) {
  const { message } = App.useApp();
  const [agency, setAgency] = useState<string | undefined>(item.suggestions?.[0]?.id);
  const [year, setYear] = useState<number | null>(null);
  const [options, setOptions] = useState((item.suggestions ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.why}）` })));
  const search = (q: string) => {
    if (q.length < 2) return;
    void api<{ items: { id: string; name: string }[] }>(`/agencies?q=${encodeURIComponent(q)}&limit=20`).then((r) => setOptions(r.items.map((a) => ({ value: a.id, label: a.name }))));
  };
  const save = async () => {
    try {
      await api(`/reports/${item.report_id}`, { method: 'PATCH', body: { ...(agency ? { agency_id: agency } : {}), ...(year ? { year } : {}) } });
      void message.success('已确定');
      onDone();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Space wrap>
      <Select aria-label="所属机关" showSearch filterOption={false} onSearch={search} placeholder="选择或搜索机关" value={agency} onChange={setAgency} options={options} style={{ minWidth: 240 }} />
      <InputNumber aria-label="年度" placeholder="年度" min={2008} max={2100} value={year} onChange={setYear} />
      <Button size="small" type="primary" onClick={() => void save()} disabled={!agency && !year}>
        确定
      </Button>
    </Space>
  );
}

export default function ImportPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [publish, setPublish] = useState(false);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [needs, setNeeds] = useState<Set<string>>(new Set());
  const [uploading, setUploading] = useState(false);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);

  const add = (more: File[]) => setFiles((f) => [...f, ...more]);
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
    if (entries.length) add((await Promise.all(entries.map((x) => filesOf(x)))).flat());
    else add([...e.dataTransfer.files]);
  };
  const upload = async () => {
    setUploading(true);
    try {
      const form = new FormData();
      form.set('publish', String(publish));
      for (const f of files) form.append('files', f, f.name);
      const r = await api<{ batch: string; files: number }>('/imports', { method: 'POST', form });
      setFiles([]);
      setBatch({ id: r.batch, total: r.files, counts: {}, done: false, items: [] });
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setUploading(false);
    }
  };

  useEffect(() => {
    if (!batch || batch.done) return;
    const t = setTimeout(() => {
      void api<Batch>(`/imports/${batch.id}`).then(async (b) => {
        setBatch(b);
        if (!b.done) return;
        // Which imported reports still wait for a person to decide agency or year.
        const ids = b.items.filter((i) => i.report_id).map((i) => i.report_id!);
        const heads = await Promise.all(ids.map((id) => api<{ report: { id: string; status: string } }>(`/reports/${id}`).catch(() => null)));
        setNeeds(new Set(heads.filter((h) => h?.report.status === 'needs_decision').map((h) => h!.report.id)));
      });
    }, 400);
    return () => clearTimeout(t);
  }, [batch]);

  const finished = batch ? batch.total - (batch.counts.queued ?? 0) - (batch.counts.running ?? 0) : 0;
  return (
    <section aria-labelledby="import-title">
      <h1 className="page-title" id="import-title">
        导入报告
      </h1>
      <div
        className="dropzone"
        role="region"
        aria-label="拖放文件到这里"
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void drop(e)}
        style={{ border: `2px dashed ${over ? '#b3261e' : '#bfbfbf'}`, background: '#fff', padding: 32, textAlign: 'center', marginBottom: 16 }}
      >
        <p style={{ fontSize: '1.2em' }}>把年度报告文件、文件夹或 zip 压缩包拖到这里</p>
        <p>支持 PDF、Word（.doc/.docx）、WPS、OFD、网页、文本等格式。</p>
        <Space wrap>
          <Button onClick={() => input.current?.click()}>选择文件</Button>
          <Button onClick={() => folder.current?.click()}>选择文件夹</Button>
        </Space>
        <input ref={input} type="file" multiple hidden aria-label="选择文件" data-testid="file-input" onChange={(e) => (add([...(e.target.files ?? [])]), (e.target.value = ''))} />
        <input ref={folder} type="file" multiple hidden aria-label="选择文件夹" {...{ webkitdirectory: '' }} onChange={(e) => (add([...(e.target.files ?? [])]), (e.target.value = ''))} />
      </div>
      {files.length > 0 && (
        <Space direction="vertical" style={{ marginBottom: 16 }}>
          <div>已选择 {files.length} 个文件：{files.slice(0, 8).map((f) => f.name).join('、')}{files.length > 8 ? ' 等' : ''}</div>
          <Space wrap>
            {user?.role !== 'agency' && (
              <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)}>
                导入后向公众公开
              </Checkbox>
            )}
            <Button type="primary" loading={uploading} onClick={() => void upload()}>
              开始导入
            </Button>
            <Button onClick={() => setFiles([])}>清空</Button>
          </Space>
        </Space>
      )}
      {batch && (
        <section aria-label="导入进度" aria-live="polite">
          <Progress percent={batch.total ? Math.round((finished / batch.total) * 100) : 0} status={batch.done ? 'success' : 'active'} />
          <p className="batch-summary">
            共 {batch.total} 个文件：已导入 {batch.counts.imported ?? 0}，重复 {batch.counts.duplicate ?? 0}，跳过 {batch.counts.skipped ?? 0}，失败 {batch.counts.failed ?? 0}
            {batch.done ? '。导入完成。' : '，处理中…'}
            {batch.done && <Link to="/?has_errors=true"> 查看有错误的报告</Link>}
          </p>
          {needs.size > 0 && <Alert type="warning" showIcon message={`有 ${needs.size} 份报告无法确定所属机关或年度，请在下面指定。`} style={{ marginBottom: 8 }} />}
          <Table<Item>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={batch.items}
            scroll={{ x: true }}
            columns={[
              { title: '文件', dataIndex: 'name' },
              { title: '状态', dataIndex: 'state', render: (s: string) => <Tag color={ITEM_COLORS[s]}>{ITEM_STATES[s] ?? s}</Tag> },
              { title: '说明', dataIndex: 'message', render: (m: string | null) => m ?? '' },
              {
                title: '报告',
                key: 'r',
                render: (_, i) =>
                  i.report_id ? (
                    needs.has(i.report_id) ? (
                      <Decide item={i} onDone={() => setNeeds((n) => new Set([...n].filter((x) => x !== i.report_id)))} />
                    ) : (
                      <Link to={`/reports/${i.report_id}`}>打开报告</Link>
                    )
                  ) : null,
              },
            ]}
          />
        </section>
      )}
    </section>
  );
}
