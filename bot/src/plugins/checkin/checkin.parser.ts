// Pure parsing of the daily check-in (平安打卡): an elderly resident types or says "平安".

const CHECKIN = /^(?:我)?(?:报)?平安(?:打卡)?(?:了)?$|^打卡$|^平安打卡$/;

export function isCheckin(body: string): boolean {
  const t = body.replace(/[\s，,。.!！~～、]/g, '');
  return CHECKIN.test(t);
}
