/** HTML-escapes text for element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The page the browser loads: the layout skeleton, the stylesheet and the script (app.js, an ES module that
 * imports the others). Everything inside the regions is drawn from the state endpoint, with DOM text nodes only
 * (no innerHTML of any text).
 */
export function renderShell(input: { basePath: string; teamName: string; appName: string }): string {
  const base = escapeHtml(input.basePath);
  const team = escapeHtml(input.teamName);
  const app = escapeHtml(input.appName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${team} — ${app} sandbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/assets/app.css">
<script type="module" src="${base}/assets/app.js"></script>
</head>
<body data-base="${base}" data-app-name="${app}">
<div class="topbar">
  <div class="topbar-title">${team} <span class="sandbox-badge" title="A local Slack sandbox: nothing here reaches Slack">sandbox</span></div>
  <label class="actor">Acting as <select id="actor" aria-label="Act as"></select></label>
</div>
<div class="layout">
  <nav class="sidebar" aria-label="Conversations">
    <div class="team-name">${team}</div>
    <div id="sidebar-sections"></div>
    <section class="time-panel" aria-label="Time controls">
      <h2>Time</h2>
      <div id="time-controls"></div>
      <div id="time-status" role="status"></div>
    </section>
  </nav>
  <main class="main" id="main">
    <header class="channel-header" id="channel-header"></header>
    <div class="tabs" id="tabs" hidden></div>
    <div class="messages" id="messages" aria-live="polite"></div>
    <div class="home" id="home" hidden></div>
    <form class="composer" id="composer" autocomplete="off">
      <div class="join-bar" id="join-bar" hidden></div>
      <div class="suggestions" id="composer-suggestions" hidden></div>
      <div class="composer-box">
        <textarea id="composer-input" rows="1" placeholder="Message" aria-label="Message"></textarea>
        <div class="composer-tools">
          <button type="button" class="tool" id="shortcuts-button" aria-haspopup="menu" title="Shortcuts">Shortcuts</button>
          <span class="hint">Enter to send · <code>/</code> for commands · <code>@</code> to mention someone</span>
          <button type="submit" class="send" id="send-button" aria-label="Send">Send</button>
        </div>
      </div>
    </form>
  </main>
</div>
<div id="modal-root"></div>
<div id="popover-root"></div>
<div id="toast" role="alert" hidden></div>
<noscript>The sandbox UI needs JavaScript.</noscript>
</body>
</html>
`;
}
