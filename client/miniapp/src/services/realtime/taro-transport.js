"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.taroTransport = taroTransport;
// An engine.io WebSocket transport over Taro.connectSocket, so one socket.io client works in weapp (no WebSocket there) and h5.
const engine_io_client_1 = require("engine.io-client");
/** Just enough of the browser WebSocket API for engine.io's transport to drive a SocketTask. */
class TaskWebSocket {
    binaryType = 'arraybuffer';
    onopen = null;
    onclose = null;
    onmessage = null;
    onerror = null;
    task = null;
    closing = false;
    constructor(url, connect) {
        Promise.resolve()
            .then(() => connect({ url }))
            .then((task) => this.attach(task))
            .catch((err) => {
            this.onerror?.(err);
            this.onclose?.({ code: 1006, reason: 'connect failed' });
        });
    }
    attach(task) {
        if (!task)
            throw new Error('connectSocket returned no task');
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
    send(data) {
        this.task?.send({ data });
    }
    close() {
        this.closing = true;
        this.task?.close({});
    }
}
/** Builds the transport class to pass in socket.io's `transports` option. */
function taroTransport(connect) {
    return class TaroWebSocketTransport extends engine_io_client_1.WebSocket {
        createSocket(uri) {
            return new TaskWebSocket(uri, connect);
        }
        doWrite(_packet, data) {
            this.ws.send(data);
        }
    };
}
