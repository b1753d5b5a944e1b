// 电子大屏 placeholder (replaced below).
export function BigScreenPage() {
  return null;
}
