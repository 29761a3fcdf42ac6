// What antd asks of a browser that jsdom does not have, for the renderer's component tests:
// matchMedia (responsive hooks) and ResizeObserver (tables, modals).
export function stubBrowser(): void {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: () => ({
      matches: false,
      addEventListener() {},
      removeEventListener() {},
      addListener() {},
      removeListener() {},
    }),
  });
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
