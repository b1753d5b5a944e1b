// 留言板: placeholder until the board API (contracts/src/board) lands.
import { View } from '@tarojs/components';
import { PageFrame } from '../../components/page-frame';

export default function BoardPage() {
  return (
    <PageFrame testId="board-page">
      <View className="card center muted">留言板即将开放</View>
    </PageFrame>
  );
}
