// Banner for active public alerts (e.g. a smoke alarm in a stairwell), shown on top of the home page.
import { View } from '@tarojs/components';
import type { AlertDto } from '@linli/contracts';

export function AlertBanner({ alerts }: { alerts: AlertDto[] }) {
  if (alerts.length === 0) return null;
  return (
    <View data-testid="alert-banner">
      {alerts.map((a) => (
        <View className="banner-alert" key={a.id}>
          ⚠ {a.title.includes(a.typeLabel) ? a.title : `${a.typeLabel}：${a.title}`}
        </View>
      ))}
    </View>
  );
}
