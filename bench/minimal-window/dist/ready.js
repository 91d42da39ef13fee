// Paints a short list, waits two frames so it is on screen, then reports
// ready the way Samlär's interface does.
const list = document.getElementById('list');
for (let i = 1; i <= 20; i += 1) {
  const item = document.createElement('li');
  item.textContent = `Partnerskap ${i}`;
  list.appendChild(item);
}
// The same start-up steps as Samlär's interface reports (ui/src/lib/start.ts).
const origin = performance.timeOrigin;
const marks = {
  navigation: origin,
  html: origin + performance.getEntriesByType('navigation')[0].responseEnd,
  script: origin + performance.now(),
};
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI__.core.invoke('ui_ready', { marks })),
);
