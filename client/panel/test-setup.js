// jsdom lacks a few browser APIs that Ant Design calls while rendering.
if (!window.matchMedia) {
  window.matchMedia = (query) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  });
}
if (!window.ResizeObserver) {
  window.ResizeObserver = class { observe() {} unobserve() {} disconnect() {} };
}
window.getComputedStyle = ((orig) => (el, pseudo) => orig(el, pseudo && undefined))(window.getComputedStyle);
