// Audience picker for a notice (all, buildings, minimum age, tags, households) with the live reach count from the server.
import { useEffect, useState } from 'react';
import { Checkbox, InputNumber, Select, Space, Statistic, Typography } from 'antd';
import { RESIDENT_TAGS, type NoticeAudience, type ResidentDto } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { noticesApi } from '../../api/notices';
import { residentsApi } from '../../api/residents';
import { buildAudience, type AudienceFields } from '../../lib/audience';

interface Props {
  onChange: (a: NoticeAudience | null, count: number | null) => void;
}

export function AudienceBuilder({ onChange }: Props) {
  const community = useCommunity();
  const [f, setF] = useState<AudienceFields>({ all: true, buildings: [], minAge: null, tags: [], householdIds: [] });
  const [count, setCount] = useState<number | null>(null);
  const [households, setHouseholds] = useState<ResidentDto[]>([]);
  const set = (p: Partial<AudienceFields>) => setF((x) => ({ ...x, ...p }));
  const key = JSON.stringify(f);

  useEffect(() => {
    const a = buildAudience(f);
    if (!a) {
      setCount(0);
      onChange(null, 0);
      return;
    }
    let live = true;
    // Debounced so typing an age does not fire a request per keystroke.
    const t = setTimeout(() => {
      noticesApi.preview(a).then(
        (r) => {
          if (!live) return;
          setCount(r.count);
          onChange(a, r.count);
        },
        () => live && setCount(null),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // Runs once on mount / when the serialised filter changes; handlers read the latest values through refs.
  }, [key]);

  const searchHouseholds = (q: string) => {
    if (!q.trim()) return;
    residentsApi.list({ q: q.trim(), limit: 10 }).then((r) => setHouseholds(r.items), () => undefined);
  };

  return (
    <div data-testid="audience-builder" style={{ background: '#fafafa', borderRadius: 8, padding: 12 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Space direction="vertical" size={10}>
          <Checkbox checked={f.all} onChange={(e) => set({ all: e.target.checked })} data-testid="audience-all">
            全体居民
          </Checkbox>
          <Space wrap>
            <Select mode="multiple" disabled={f.all} placeholder="楼栋" aria-label="楼栋" style={{ minWidth: 220 }} value={f.buildings} onChange={(buildings) => set({ buildings })} options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} data-testid="audience-buildings" />
            <InputNumber disabled={f.all} min={0} max={120} placeholder="最低年龄" addonAfter="岁以上" value={f.minAge} onChange={(minAge) => set({ minAge })} data-testid="audience-min-age" />
          </Space>
          <Space wrap>
            <Select mode="multiple" disabled={f.all} placeholder="标签（独居、高龄…）" aria-label="标签（独居、高龄…）" style={{ minWidth: 220 }} value={f.tags} onChange={(tags) => set({ tags })} options={RESIDENT_TAGS.map((t) => ({ value: t, label: t }))} />
            <Select
              mode="multiple"
              disabled={f.all}
              placeholder="指定住户（搜索姓名）"
              aria-label="指定住户（搜索姓名）"
              style={{ minWidth: 240 }}
              filterOption={false}
              onSearch={searchHouseholds}
              value={f.householdIds}
              onChange={(householdIds) => set({ householdIds })}
              options={households.map((h) => ({ value: h.householdId, label: `${h.name} · ${h.building}${h.unit}${h.room}` }))}
            />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            不同条件同时满足，同一条件内任选其一
          </Typography.Text>
        </Space>
        <Statistic title="预计触达" value={count ?? '—'} suffix="人" valueStyle={{ color: '#1668dc' }} data-testid="audience-count" />
      </Space>
    </div>
  );
}
