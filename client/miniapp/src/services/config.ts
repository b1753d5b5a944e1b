// Where the server is: same-origin in H5 (served by it at /h5/), an absolute URL from .env in the mini-program.
const isH5 = process.env.TARO_ENV === 'h5';

export const API_BASE: string = isH5 ? '/api' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000/api');

/** Community this build logs residents into (empty: the server's default community). */
export const COMMUNITY_ID: string = process.env.TARO_APP_COMMUNITY_ID ?? '';

/** WeChat subscribe-message template for notices (the server's WECHAT_NOTICE_TEMPLATE_ID); empty hides the button. */
export const NOTICE_TEMPLATE_ID: string = process.env.TARO_APP_NOTICE_TEMPLATE_ID ?? '';

/** Origin of the socket.io endpoint, as a ws(s):// URL for Taro.connectSocket. */
export function socketOrigin(): string {
  if (isH5 && typeof window !== 'undefined' && window.location) {
    return window.location.origin.replace(/^http/, 'ws');
  }
  return API_BASE.replace(/\/api\/?$/, '').replace(/^http/, 'ws');
}

/** Absolute URL for an API path (uploads return paths like /api/uploads/:id?sig=...). */
export function absoluteUrl(pathOrUrl: string): string {
  if (/^https?:\/\//.test(pathOrUrl) || isH5) return pathOrUrl;
  return API_BASE.replace(/\/api\/?$/, '') + pathOrUrl;
}
