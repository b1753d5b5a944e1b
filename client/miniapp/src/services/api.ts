// The one HTTP client: adds the token, parses replies, and throws ApiError with a Chinese message on any failure.
import Taro from '@tarojs/taro';
import type { UploadDto } from '@linli/contracts';
import { API_BASE, COMMUNITY_ID } from './config';
import { ApiError, fromResponse, NETWORK_MESSAGE, OFFLINE_MESSAGE } from './errors';
import { clearSession, session } from '../store/session';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Called when the server says the token is no longer valid (set by the auth module to route to login). */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

function authHeader(): Record<string, string> {
  const { token } = session.get();
  if (token) return { Authorization: `Bearer ${token}` };
  // One deployment may serve several communities: logins say which one this build belongs to.
  return COMMUNITY_ID ? { 'X-Community-Id': COMMUNITY_ID } : {};
}

function check<T>(status: number, data: unknown): T {
  if (status >= 200 && status < 300) return data as T;
  if (status === 401 && session.get().token) {
    clearSession();
    onUnauthorized();
  }
  throw fromResponse(status, data);
}

export async function request<T>(method: Method, path: string, data?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Taro.request.SuccessCallbackResult<any>;
  try {
    res = await Taro.request({
      url: API_BASE + path,
      method,
      data: data as Record<string, unknown> | undefined,
      header: { 'content-type': 'application/json', ...authHeader(), ...headers },
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiError(NETWORK_MESSAGE, 0, 'NETWORK');
  }
  return check<T>(res.statusCode, res.data);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, data?: unknown, headers?: Record<string, string>) => request<T>('POST', path, data ?? {}, headers),
  patch: <T>(path: string, data?: unknown) => request<T>('PATCH', path, data ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Uploads one local file (photo or voice) as multipart field `file`. */
export async function uploadFile(filePath: string, fileName?: string): Promise<UploadDto> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: `${API_BASE}/uploads`, filePath, name: 'file', fileName, header: authHeader(), timeout: 60000 });
  } catch {
    throw new ApiError('上传失败，请检查网络后重试', 0, 'NETWORK');
  }
  let body: unknown = res.data;
  try {
    body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
  } catch {
    /* non-JSON error page */
  }
  return check<UploadDto>(res.statusCode, body);
}

/** Refuses to start a submit while offline, so nothing is lost silently. */
export async function assertOnline(): Promise<void> {
  // H5's getNetworkType cannot see "offline"; the browser's own flag can.
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new ApiError(OFFLINE_MESSAGE, 0, 'OFFLINE');
  try {
    const { networkType } = await Taro.getNetworkType();
    if (networkType === 'none') throw new ApiError(OFFLINE_MESSAGE, 0, 'OFFLINE');
  } catch (e) {
    if (e instanceof ApiError) throw e;
  }
}
