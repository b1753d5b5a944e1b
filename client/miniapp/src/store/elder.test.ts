// Elder mode's default: her 高龄 tag, or WeChat's own large type (关怀模式) in the mini-program; her own choice wins.
import { taro } from '../../test/taro-mock';
import { elderDefault, isElderMode, systemFontPx } from './elder';

jest.mock('@tarojs/taro', () => require('../../test/taro-mock').taro);

const env = process.env.TARO_ENV;
afterEach(() => {
  process.env.TARO_ENV = env;
  delete taro.getAppBaseInfo;
});

test('in the mini-program, a WeChat font size the person enlarged turns elder mode on by default', () => {
  process.env.TARO_ENV = 'weapp';
  taro.getAppBaseInfo = () => ({ fontSizeSetting: 22 });
  expect(systemFontPx()).toBe(22);
  expect(elderDefault({ tags: [] })).toBe(true);
  // Her own choice still wins.
  expect(isElderMode(false, { tags: [] })).toBe(false);

  taro.getAppBaseInfo = () => ({ fontSizeSetting: 17 });
  expect(elderDefault({ tags: [] })).toBe(false);
  expect(elderDefault({ tags: ['高龄'] })).toBe(true);
});

test('in H5 there is no WeChat setting: only the tag decides', () => {
  process.env.TARO_ENV = 'h5';
  taro.getAppBaseInfo = () => ({ fontSizeSetting: 30 });
  expect(systemFontPx()).toBeNull();
  expect(elderDefault({ tags: [] })).toBe(false);
  expect(elderDefault({ tags: ['独居', '高龄'] })).toBe(true);
});
