// Makes the server-drawn charts interactive: each chart's ECharts option sits beside its SVG as JSON, and the browser's
// ECharts draws the same option over it (tooltips, legend toggles). Without scripts the SVG stays.
/* global echarts */
for (const canvas of document.querySelectorAll('[data-option]')) {
  const data = document.getElementById(canvas.getAttribute('data-option') ?? '');
  if (!data || !(canvas instanceof HTMLElement)) continue;
  const option = JSON.parse(data.textContent ?? '{}');
  canvas.replaceChildren();
  const chart = echarts.init(canvas, null, { renderer: 'svg' });
  chart.setOption(option);
  canvas.dataset.interactive = 'true';
  window.addEventListener('resize', () => chart.resize());
}
