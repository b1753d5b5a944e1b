// A clear inline message for a failed request (shown where the resident is looking, not only as a toast).
import { View } from '@tarojs/components';

export function ErrorBanner({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <View className="banner-error" data-testid="error">
      {message}
    </View>
  );
}
