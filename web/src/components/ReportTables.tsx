// The report's statistical tables drawn from the format model: every cell a button (keyboard
// reachable); cells named by an open finding are marked with its message; the selected cell
// is highlighted.

import type { Content, Format, Finding } from '../types.ts';

interface Props {
  format: Format | undefined;
  content: Content;
  findings: Finding[];
  selected: string | null;
  onSelect: (address: string) => void;
}

export function ReportTables({ format, content, findings, selected, onSelect }: Props) {
  if (!format) return <p>格式模型加载中…</p>;
  const marks = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.state === 'dismissed' || f.state === 'fixed') continue;
    for (const c of f.cells ?? []) marks.set(c, [...(marks.get(c) ?? []), f]);
  }
  return (
    <div>
      {format.tables.map((t) => {
        const values = content.tables[t.id] ?? {};
        return (
          <div className="grid-wrap" key={t.id}>
            <table className="grid" aria-label={t.name}>
              <caption>{t.name}</caption>
              <thead>
                <tr>
                  <th scope="col">项目</th>
                  {t.columns.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.group ? `${c.group} ` : ''}
                      {c.short}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{[...r.parents, r.short].join(' · ')}</th>
                    {t.columns.map((c) => {
                      if (!r.columns.includes(c.id)) return <td className="na" key={c.id} aria-label="不适用" />;
                      const address = `${t.id}.${r.id}.${c.id}`;
                      const v = values[r.id]?.[c.id];
                      const prov = content.cells[address];
                      const fs = marks.get(address) ?? [];
                      const cls = ['cell-btn', fs.some((f) => f.severity === 'error') ? 'problem' : fs.length ? 'warn' : '', selected === address ? 'selected' : '', prov?.status === 'reconstructed' ? 'reconstructed' : ''].join(' ');
                      const shown = v === null || v === undefined ? (prov?.status === 'blank' ? '空' : '—') : String(v);
                      const title = [`${r.short} · ${c.short}`, ...fs.map((f) => f.message)].join('\n');
                      return (
                        <td key={c.id}>
                          <button type="button" className={cls} title={title} data-address={address} aria-pressed={selected === address} aria-label={`${r.short}，${c.short}：${shown}${fs.length ? `，有问题：${fs.map((f) => f.message).join('；')}` : ''}`} onClick={() => onSelect(address)}>
                            {shown}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
