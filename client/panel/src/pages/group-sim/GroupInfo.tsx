// 群聊模拟's header: how the bot treats the simulated group (its mode) and which members are bound to a resident, as the bot sees it now.
import { useEffect, useState } from 'react';
import { Alert, Space, Tag } from 'antd';
import { BOT_GROUP_MODE_LABELS, WECHAT_RELATION_LABELS, type BotDemoGroup } from '@linli/contracts';
import { botDemoApi } from '../../api/bot-demo';

/** Bindings change when someone sends 绑定 …: read again this often. */
const REFRESH_MS = 5000;

const HOW: Record<BotDemoGroup['mode'], string> = {
  listen: '群里不用 @ 也能听懂：说「3号楼电梯又坏了」，小助手会先问一句「要帮您登记吗？」，回复「是」才登记；「平安」「我的工单」可以直接发；闲聊、问候不会被回复。',
  auto: '群里不用 @ 也能听懂：已绑定的居民说「3号楼电梯又坏了」直接登记工单，其他人会先被问一句；「平安」「我的工单」可以直接发；闲聊、问候不会被回复。',
  mention: '本群需要 @社区小助手（或以「报修」开头）才会回应；私聊总会回应。',
};

export function GroupInfo() {
  const [group, setGroup] = useState<BotDemoGroup | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const load = async () => {
      const g = await botDemoApi.group().catch(() => null);
      if (stopped) return;
      if (g) setGroup(g);
      timer = window.setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);

  return (
    <Alert
      type="info"
      showIcon
      data-testid="sim-bindings"
      message={group ? `本群模式：${BOT_GROUP_MODE_LABELS[group.mode]}` : '正在读取群聊设置…'}
      description={
        <Space direction="vertical" size={4}>
          {group && <span>{HOW[group.mode]}</span>}
          {group && (
            <span data-testid="sim-members">
              群成员：
              {group.members.map((m) =>
                m.bound ? (
                  <Tag key={m.name} color="green">
                    {m.name} → {m.bound.residentName}（{WECHAT_RELATION_LABELS[m.bound.relation]}）
                  </Tag>
                ) : (
                  <Tag key={m.name}>{m.name} 未绑定</Tag>
                ),
              )}
            </span>
          )}
          <span>未绑定的人可以先绑定：在 居民档案 → 微信 列为某位居民生成绑定码，再在这里以其身份发送「绑定 123456」。</span>
        </Space>
      }
    />
  );
}
