// An engine.io WebSocket transport over Taro.connectSocket, so one socket.io client works in weapp (no WebSocket there) and h5.
import { WebSocket as WsTransport } from 'engine.io-client';

/** The part of Taro's SocketTask we use (weapp and h5 both provide it). */
export interface SocketTaskLike {
  send(opts: { data: string | ArrayBuffer }): unknown;
  close(opts?: { code?: number; reason?: string }): unknown;
  onOpen(cb: () => void): void;
  onMessage(cb: (res: { data: string | ArrayBuffer }) => void): void;
  onClose(cb: (res: { code: number; reason: string }) => void): void;
  onError(cb: (err: unknown) => void): void;
}

/** Taro.connectSocket resolves to the SocketTask (it does not return it synchronously). */
export type ConnectSocket = (opts: { url: string }) => Promise<SocketTaskLike> | SocketTaskLike;

/** Just enough of the browser WebSocket API for engine.io's transport to drive a SocketTask. */
class TaskWebSocket {
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onmessage: ((ev: { data: string | ArrayBuffer }) => void) | null = null;
  onerror: ((err: unknown) => void) | null = null;
  private task: SocketTaskLike | null = null;
  private closing = false;

  constructor(url: string, connect: ConnectSocket) {
    Promise.resolve()
      .then(() => connect({ url }))
      .then((task) => this.attach(task))
      .catch((err) => {
        this.onerror?.(err);
        this.onclose?.({ code: 1006, reason: 'connect failed' });
      });
  }

  private attach(task: SocketTaskLike | undefined): void {
    if (!task) throw new Error('connectSocket returned no task');
    if (this.closing) {
      task.close({});
      return;
    }
    this.task = task;
    task.onOpen(() => this.onopen?.());
    task.onMessage((res) => this.onmessage?.({ data: res.data }));
    task.onClose((res) => this.onclose?.({ code: res?.code ?? 1006, reason: res?.reason ?? '' }));
    task.onError((err) => this.onerror?.(err));
  }

  send(data: string | ArrayBuffer): void {
    this.task?.send({ data });
  }

  close(): void {
    this.closing = true;
    this.task?.close({});
  }
}

/** Builds the transport class to pass in socket.io's `transports` option. */
export function taroTransport(connect: ConnectSocket) {
  return class TaroWebSocketTransport extends WsTransport {
    override createSocket(uri: string): any {
      return new TaskWebSocket(uri, connect);
    }

    override doWrite(_packet: unknown, data: string | ArrayBuffer): void {
      (this as any).ws.send(data);
    }
  };
}
