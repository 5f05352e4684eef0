'use strict';
// The tracker's read-only page. It polls GET /api/v1/status every 2 s and draws releases, deployments with their
// hosts, and agents. Every value from the tracker enters the page as text (textContent or text nodes), never as
// markup: a failure reason is free text from an agent. The Content-Security-Policy forbids inline code besides.
(() => {
  const TOKEN_KEY = 'murder.tracker.token';
  const POLL_MS = 2000;
  const PHASES = ['PENDING', 'DOWNLOADING', 'VERIFYING', 'STAGED', 'ACTIVATING', 'ACTIVE', 'FAILED', 'REJECTED'];
  const TERMINAL = new Set(['ACTIVE', 'FAILED', 'REJECTED']);
  /** The newest deployments are shown with their hosts; older ones fold away until opened. */
  const DETAILED = 3;
  /** Rows drawn per table: a fleet of thousands stays usable; the rest is counted. */
  const MAX_ROWS = 500;
  const $ = (id) => document.getElementById(id);
  const unfolded = new Set();
  let timer = null;
  /** Bumped by every poll: an answer to an older one (say, sent before the token changed) is dropped. */
  let generation = 0;

  /** An element with attributes and children; strings become text nodes. */
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k.startsWith('data-')) e.setAttribute(k, String(v));
      else e[k] = v;
    }
    for (const c of children) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }

  function token() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null; // storage disabled: the page still works against a tracker run with --open-reads
    }
  }

  function setToken(value) {
    try {
      if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      problem('This browser does not let the page keep a token (session storage is off).');
    }
  }

  function headers() {
    const t = token();
    return t ? { Authorization: 'Bearer ' + t } : {};
  }

  function problem(message) {
    const p = $('problem');
    p.textContent = message || '';
    p.hidden = !message;
  }

  async function poll() {
    clearTimeout(timer);
    const mine = ++generation;
    const started = performance.now();
    try {
      const res = await fetch('/api/v1/status', { headers: headers(), cache: 'no-store', credentials: 'omit' });
      const body = await res.json().catch(() => null);
      if (mine !== generation) return;
      if (res.status === 401) {
        askForToken(body && body.error);
        return; // polled again once a token is given
      }
      if (!res.ok) {
        problem('The tracker answered ' + res.status + (body && body.error ? ': ' + body.error : '') + '. Retrying.');
      } else {
        problem(null);
        render(body);
      }
    } catch (e) {
      if (mine !== generation) return;
      problem('Cannot reach the tracker (' + e.message + '). Retrying every ' + POLL_MS / 1000 + ' s.');
    }
    // a big fleet makes a big status: spend at most a fifth of the time fetching it
    timer = setTimeout(poll, Math.max(POLL_MS, 5 * (performance.now() - started)));
  }

  function askForToken(error) {
    const refused = token() !== null;
    setToken(null);
    $('content').hidden = true;
    $('forget-token').hidden = true;
    $('updated').textContent = '';
    problem(null);
    $('token-message').textContent = refused
      ? 'The tracker refused that token: ' + (error || 'no reason given') + '.'
      : 'Reads of this tracker need a token (it was not started with --open-reads).';
    $('token-form').hidden = false;
    $('token-input').focus();
  }

  async function showTrackerInfo() {
    try {
      const res = await fetch('/health', { cache: 'no-store', credentials: 'omit' });
      const health = await res.json();
      const since = new Date(Date.now() - health.uptimeSeconds * 1000);
      $('tracker-info').textContent = 'tracker ' + health.version + ', up since ' + since.toLocaleString();
    } catch (e) {
      $('tracker-info').textContent = '';
    }
  }

  function render(status) {
    $('token-form').hidden = true;
    $('content').hidden = false;
    $('forget-token').hidden = token() === null;
    const agents = status.agents || [];
    const deployments = status.deployments || [];
    $('deployments').replaceChildren(...(deployments.length
      ? deployments.map((d, i) => deployment(d, i < DETAILED))
      : [h('p', { class: 'muted', text: 'No deployments yet: murder deploy PATH --tracker URL --release ID --tag TAG' })]));
    const alive = agents.filter((a) => a.alive).length;
    $('agent-count').textContent = alive + ' of ' + agents.length + ' alive';
    $('agents').replaceChildren(agentTable(agents));
    $('releases').replaceChildren(releaseTable(status.releases || []));
    $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  function deployment(status, detailed) {
    const d = status.deployment;
    const hosts = status.hosts || [];
    const outcome = outcomeOf(hosts);
    const head = h('div', { class: 'deployment-head' },
      h('span', { class: 'deployment-id', text: '#' + d.id }),
      h('span', { class: 'release', title: 'release', text: d.release }),
      h('span', { class: 'muted', text: 'to tag' }),
      h('span', { class: 'tag', text: d.tag }),
      h('span', { class: 'outcome outcome-' + outcome, text: outcome }),
      h('span', { class: 'muted', text: 'created ' + when(d.createdAt) + deadline(d, outcome) }),
      d.signature ? null : h('span', { class: 'unsigned', text: 'unsigned' }));
    const body = [summary(hosts), hostTable(hosts)];
    if (detailed) {
      return h('article', { class: 'deployment', 'data-deployment': d.id }, head, ...body);
    }
    const fold = h('details', { class: 'deployment', 'data-deployment': d.id, open: unfolded.has(d.id) },
      h('summary', {}, head), ...body);
    fold.addEventListener('toggle', () => (fold.open ? unfolded.add(d.id) : unfolded.delete(d.id)));
    return fold;
  }

  function outcomeOf(hosts) {
    if (hosts.length === 0) return 'no hosts';
    if (hosts.some((x) => !TERMINAL.has(x.state))) return 'running';
    return hosts.every((x) => x.state === 'ACTIVE') ? 'succeeded' : 'failed';
  }

  function deadline(d, outcome) {
    if (outcome !== 'running' || !d.deadline) return '';
    const left = (new Date(d.deadline) - Date.now()) / 1000;
    return left > 0 ? ', deadline in ' + duration(left) : ', deadline passed';
  }

  /** Overall progress (ACTIVE counts as done) and how many hosts are in each phase. */
  function summary(hosts) {
    const total = hosts.reduce((sum, x) => sum + (x.state === 'ACTIVE' ? 100 : clamp(x.progress)), 0);
    const percent = hosts.length ? Math.floor(total / hosts.length) : 0;
    const counts = PHASES.map((p) => [p, hosts.filter((x) => x.state === p).length]).filter(([, n]) => n > 0);
    return h('div', { class: 'summary' },
      h('progress', { max: 100, value: percent, title: percent + '% overall' }),
      h('span', { class: 'percent', text: percent + '%' }),
      ...counts.map(([p, n]) => h('span', { class: 'badge ' + stateClass(p), text: n + ' ' + p })));
  }

  /** Problems first, then hosts still working, then waiting ones, then the ACTIVE ones; by name within each. */
  function rank(state) {
    if (state === 'FAILED' || state === 'REJECTED') return 0;
    if (state === 'ACTIVE') return 3;
    return state === 'PENDING' ? 2 : 1;
  }

  function hostTable(hosts) {
    const sorted = [...hosts].sort((a, b) => rank(a.state) - rank(b.state) || a.host.localeCompare(b.host));
    return table(['host', 'state', 'progress', 'reason', 'updated', 'agent'], sorted, (x) =>
      h('tr', { 'data-host': x.host, 'data-state': x.state },
        h('td', { class: 'host', text: x.host }),
        h('td', { class: 'state' }, h('span', { class: 'badge ' + stateClass(x.state), text: x.state })),
        h('td', { class: 'progress' },
          h('progress', { max: 100, value: clamp(x.progress) }), h('span', { text: clamp(x.progress) + '%' })),
        h('td', { class: 'reason', text: x.reason || '' }),
        h('td', { class: 'muted', title: x.updatedAt || '', text: x.updatedAt ? ago(x.updatedAt) : 'no report yet' }),
        h('td', {}, aliveBadge(x.alive))), 'hosts');
  }

  function agentTable(agents) {
    const sorted = [...agents].sort((a, b) => Number(a.alive) - Number(b.alive) || a.host.localeCompare(b.host));
    return table(['host', 'state', 'tags', 'active release', 'BitTorrent port', 'last heartbeat'], sorted, (a) =>
      h('tr', { 'data-agent': a.host },
        h('td', { class: 'host', text: a.host }),
        h('td', {}, aliveBadge(a.alive)),
        h('td', { text: (a.tags || []).join(', ') }),
        a.activeRelease ? h('td', { class: 'release', text: a.activeRelease }) : h('td', { class: 'muted', text: 'none' }),
        h('td', { text: a.btPort }),
        h('td', { class: 'muted', title: a.lastSeen || '', text: a.lastSeen ? ago(a.lastSeen) : 'never' })),
    'agents', 'No agent has sent a heartbeat yet.');
  }

  function releaseTable(releases) {
    return table(['release', 'file', 'size', 'sha256', 'created'], releases, (r) =>
      h('tr', { 'data-release': r.id },
        h('td', { class: 'release', text: r.id }),
        h('td', { text: r.fileName }),
        h('td', { class: 'number', text: bytes(r.size) }),
        h('td', { class: 'hash', title: r.sha256, text: String(r.sha256 || '').slice(0, 12) }),
        h('td', { class: 'muted', title: r.createdAt || '', text: when(r.createdAt) })),
    'releases', 'No release registered yet.');
  }

  function table(columns, items, row, noun, empty) {
    if (items.length === 0 && empty) return h('p', { class: 'muted', text: empty });
    const rows = items.slice(0, MAX_ROWS).map(row);
    const t = h('table', {},
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { text: c })))),
      h('tbody', {}, ...rows));
    if (items.length <= MAX_ROWS) return t;
    return h('div', {}, t, h('p', { class: 'muted',
      text: (items.length - MAX_ROWS) + ' more ' + noun + ' not shown; murder status --json lists them all' }));
  }

  function aliveBadge(alive) {
    return h('span', { class: alive ? 'badge alive' : 'badge silent', text: alive ? 'alive' : 'silent' });
  }

  function stateClass(state) {
    return PHASES.includes(state) ? 'state-' + state : 'state-unknown';
  }

  function clamp(n) {
    const v = Number(n);
    return Number.isFinite(v) ? Math.max(0, Math.min(100, Math.round(v))) : 0;
  }

  function when(iso) {
    const t = new Date(iso);
    return iso && !Number.isNaN(t.getTime()) ? t.toLocaleString() : String(iso || '');
  }

  function ago(iso) {
    const t = new Date(iso);
    if (Number.isNaN(t.getTime())) return String(iso);
    const s = (Date.now() - t.getTime()) / 1000;
    return s < 1 ? 'just now' : duration(s) + ' ago';
  }

  function duration(seconds) {
    if (seconds < 90) return Math.round(seconds) + ' s';
    if (seconds < 5400) return Math.round(seconds / 60) + ' min';
    if (seconds < 172800) return Math.round(seconds / 3600) + ' h';
    return Math.round(seconds / 86400) + ' d';
  }

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = Number(n) || 0;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (u === 0 ? v : v.toFixed(1)) + ' ' + units[u];
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim();
    if (!/^[\x21-\x7e]+$/.test(value)) {
      $('token-message').textContent = 'A token is one line of printable characters without spaces.';
      return;
    }
    $('token-input').value = '';
    setToken(value);
    $('token-form').hidden = true;
    poll();
  });
  $('forget-token').addEventListener('click', () => {
    setToken(null);
    poll();
  });
  showTrackerInfo();
  poll();
})();
