// Choosing an agency by typing part of its name (or an alias): the list is searched on the
// server, so it works with thousands of agencies.

import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, qs } from '../api.ts';
import type { Agency } from '../types.ts';

export function AgencyPicker({ value, onChange, id, style }: { value?: string; onChange?: (id: string | undefined) => void; id?: string; style?: React.CSSProperties }) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Agency[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api<{ items: Agency[] }>(`/agencies${qs({ q, limit: 20 })}`).then(
        (r) => live && setOptions(r.items),
        () => live && setOptions([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  return (
    <Select
      {...(id ? { id } : {})}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder="输入机关名称查找"
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      notFoundContent="没有找到机关"
      style={{ minWidth: 260, ...style }}
      options={options.map((a) => ({ value: a.id, label: a.region_code ? `${a.name}（${a.region_code}）` : a.name }))}
    />
  );
}
