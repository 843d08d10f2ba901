// Makes the server-drawn charts interactive: each chart's ECharts option sits beside its SVG as JSON, and the browser's
// ECharts draws the same option over it (tooltips, legend toggles). Without scripts the SVG stays.
//
// A chart is drawn, and drawn again when its box changes size, only while the box has room: a window shrunk to nothing
// (as a full-page screenshot briefly does) leaves the boxes no width, and ECharts' sankey throws laying out in that.
// So each box is watched itself, rather than the window, and a box of no width or height waits for the next change.
/* global echarts */
const charts = new Map();

function draw(canvas) {
  const drawn = charts.get(canvas);
  if (drawn) {
    drawn.resize();
    return;
  }
  const data = document.getElementById(canvas.getAttribute('data-option') ?? '');
  if (!data) return;
  const option = JSON.parse(data.textContent ?? '{}');
  canvas.replaceChildren();
  const chart = echarts.init(canvas, null, { renderer: 'svg' });
  chart.setOption(option);
  charts.set(canvas, chart);
  canvas.dataset.interactive = 'true';
}

const boxes = new ResizeObserver((entries) => {
  for (const { target, contentRect } of entries) {
    if (contentRect.width > 0 && contentRect.height > 0) draw(target);
  }
});
for (const canvas of document.querySelectorAll('[data-option]')) {
  if (canvas instanceof HTMLElement) boxes.observe(canvas);
}
