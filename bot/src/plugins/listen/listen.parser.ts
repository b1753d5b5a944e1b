// Pure, conservative detector for listen mode: does an un-addressed group message report a problem (a fault with a thing or place)?
// Precision over recall — a false prompt in a group of elders costs more than a miss (they can still @ the bot or say 报修).

/** Longer messages are forwarded articles and stories, not reports. */
export const MAX_LISTEN_CHARS = 80;

/** Community infrastructure a report is about (household appliances are not the community's to fix). */
const OBJECT =
  /电梯|路灯|(?:楼道|门口|车棚|走廊|楼梯|院子?|电梯)[里的口]{0,2}(?:的)?灯|灯泡?不亮|水管|管子|管道|下水道?|井盖|门禁|单元门|防盗门|铁门|大门|栏杆|扶手|垃圾|化粪池|暖气|燃气|煤气|天然气|电线|电箱|配电箱|电表|水表|水箱|监控|摄像头|消防|灭火器|健身器材|滑梯|长椅|座椅|树枝|树|墙皮|外墙|屋顶|楼顶|房顶|天花板|窗户?玻璃|玻璃|路面|地面|台阶|坑|车棚|雨棚|充电桩|电动车|空调架子?|自来水|地下室|车库|污水|老鼠|蟑螂|苍蝇|装修|广场舞|声音|噪音|道闸|停车场/;

/** What is wrong with it. */
const FAULT =
  /坏|不亮|灭了|不动|不走|停了|卡住|卡在|困|关不上|打不开|刷不开|不灵|晃|异响|一直响|一直闪|漏|渗|滴|爆了|裂|碎了|堵|返水|冒水|进水|积水|臭|脏|满了|堆满|堆了|没人(?:收|管|修|清理|扫|换)|掉下|掉了|要掉|翘起|松了|塌|倒了|断了|丢了|没了|耷拉|发黄|浑|打火|火花|冒烟|着火|烧焦|太吵|吵得|乱停|乱扔|往下扔|抛物|飞线|被车堵|停车|不热|水压太小|有个大坑|挡着|过期|到处都是|太大|夹|黑了|返味|溢|没反应|响|抬不起|充电/;

/** Where: a building, a unit, the stairwell, the yard. */
const PLACE = /\d+\s*号楼|[一二三四五六七八九十]号楼|\d+\s*单元|[一二三四五六]单元|楼道|楼下|楼上|门口|小区|院子?里|车库|地下室/;

/** Faults that need no object when a place is named: "楼道里堆满了杂物", "3号楼下的车乱停". */
const PLACE_FAULT = /堆满|堆了|积水|乱停|太吵|吵得|老鼠|蟑螂|到处都是|臭/;

/** Faults that name their own object: "停水了", "电梯困人", "有煤气味". */
const SELF_CONTAINED = /停水|停电|没水|没电|跳闸|漏水|渗水|漏雨|漏气|煤气味|燃气味|冒烟|着火|烧焦|困人|高空抛物|飞线/;

/** Someone else is addressed, a question is asked, or the words are not a report at all. */
const NOT_A_REPORT = [
  /@/, // talking to another member
  /https?:|www\.|\.com|\.cn\b/i, // links: forwarded articles, videos
  /[【】《》]|转发|转给|分享|震惊|扩散|速看|养生/, // forwards
  /红包|接龙|团购|出售|转让|出租|招聘|优惠|拼车|私聊/, // red packets, trading
  /吗|嘛|么[？?]*$|是不是|谁(?:家|知道|会|懂|有)|有没有|哪里能|怎么交|在哪/, // questions to the group
  /修好|好了(?!几)|恢复|来水了|来电了|又来了|又亮了|(?<!不)亮了|已经(?:报|在|来)|报过|报修了|正在修|在修|处理了|来修|没坏|没事|挺好/, // already handled or fine
  /明天|后天|明早|明晚|下周|将于|计划|预计|通知|提醒|温馨提示|届时|检修|年检|清洗|大家注意/, // notices of planned work
  /上次|以前|那次|去年|前年|记得|听说|新闻|隔壁小区|别的小区|电视上|视频/, // stories about other times and places
  /哈哈|呵呵|嘿嘿|😂|笑死/, // jokes
  /钱包|钥匙|广告|贴的/, // lost and found, notices on the wall
];

const CJK = /[\u4e00-\u9fff]/;

export function normalizeListen(text: string): string {
  return text
    .replace(/\[[^\]]{1,6}\]/g, '') // WeChat emoji codes like [玫瑰]
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether an un-addressed message in a listening group should be filed as a report. */
export function looksLikeReport(raw: string): boolean {
  const text = normalizeListen(raw);
  const chars = Array.from(text);
  if (chars.length < 3 || chars.length > MAX_LISTEN_CHARS || !CJK.test(text)) return false;
  if (NOT_A_REPORT.some((re) => re.test(text))) return false;
  if (SELF_CONTAINED.test(text)) return true;
  if (PLACE.test(text) && PLACE_FAULT.test(text)) return true;
  return FAULT.test(text) && OBJECT.test(text);
}
