// Runs in the preview tab, before Paged.js: live reload over Server-Sent Events, the scroll position
// kept across reloads, and the checker's findings in a panel once the pages are laid out.
(() => {
  const state = JSON.parse(document.getElementById('bulletin-preview').textContent);
  const SCROLL = 'bulletin-preview-scroll';
  const OPEN = 'bulletin-preview-findings-open';

  // Opened once the page is laid out (or failed to be): a save during the layout is caught by the
  // version the server sends on connection.
  let events;
  const reload = () => {
    sessionStorage.setItem(SCROLL, String(window.scrollY));
    events.close();
    location.reload();
  };
  function listen() {
    if (events) return;
    events = new EventSource('/events');
    events.addEventListener('reload', reload);
    // Sent on every (re)connection: a save made while this page loaded, or a restarted server.
    events.addEventListener('hello', (event) => {
      if (Number(event.data) !== state.version) reload();
    });
  }

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function showFindings(pageError) {
    document.getElementById('bulletin-findings')?.remove();
    const findings = state.findings;
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const panel = el('details');
    panel.id = 'bulletin-findings';
    panel.className = errors || pageError ? 'has-errors' : warnings ? 'has-warnings' : 'clean';
    const remembered = sessionStorage.getItem(OPEN);
    panel.open = remembered === null ? findings.length > 0 || !!pageError : remembered === 'true';
    panel.addEventListener('toggle', () => sessionStorage.setItem(OPEN, String(panel.open)));
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    panel.append(el('summary', '', `${state.file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`));
    if (state.stale) panel.append(el('p', 'note', 'The source has errors: these pages are from its last version without errors.'));
    if (!state.pages) panel.append(el('p', 'note', 'No pages yet: the source has errors.'));
    if (pageError) panel.append(el('p', 'note', `Page error: ${pageError}`));
    const list = el('ol');
    for (const f of findings) {
      const item = el('li', f.severity);
      item.append(el('span', 'where', f.line ? `${f.line}:${f.column ?? 1}` : '—'), ' ', el('span', 'severity', f.severity), ' ', el('span', 'message', f.message));
      if (f.rule) item.append(' ', el('span', 'rule', `[${f.rule}]`));
      list.append(item);
    }
    if (findings.length) panel.append(list);
    document.body.append(panel);
  }

  function restoreScroll() {
    const y = Number(sessionStorage.getItem(SCROLL));
    sessionStorage.removeItem(SCROLL);
    if (y) window.scrollTo(0, y);
  }

  // Paged.js moves everything in <body> into its pages: the panel is added once they are laid out.
  window.PagedConfig = {
    auto: true,
    after: () => {
      document.documentElement.classList.add('bulletin-preview-ready');
      showFindings();
      restoreScroll();
      listen();
    },
  };
  if (!state.pages)
    document.addEventListener('DOMContentLoaded', () => {
      showFindings();
      listen();
    });
  const failed = (message) => {
    showFindings(message);
    listen();
  };
  window.addEventListener('error', (event) => failed(event.message));
  window.addEventListener('unhandledrejection', (event) => failed(String(event.reason && event.reason.message ? event.reason.message : event.reason)));
})();
