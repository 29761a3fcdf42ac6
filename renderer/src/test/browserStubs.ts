// What antd asks of a browser that jsdom does not have, for the renderer's component tests:
// matchMedia (responsive hooks), ResizeObserver (tables, modals) and getComputedStyle for a
// pseudo-element (antd measures the scrollbar with '::-webkit-scrollbar'; jsdom logs "Not
// implemented" for every table and modal without this).
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
  const computed = window.getComputedStyle.bind(window);
  Object.defineProperty(window, 'getComputedStyle', {
    configurable: true,
    value: (element: Element) => computed(element),
  });
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
