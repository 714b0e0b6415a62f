// The Stint dashboard: one page over the control API (docs/control-api.md), same origin only.
// It authenticates with the session cookie the login ticket set (sent by the browser; nothing secret lives here),
// reads jobs, queues and counts with GET /v1/..., follows the event stream /v1/events (server-sent events)
// for live status and progress, and changes jobs and queues with POST. Every value from the library is
// written with textContent, never parsed as HTML: job names, errors and queue names are untrusted data.
'use strict';

const ACTIVE = ['queued', 'running', 'paused'];
const FINISHED = ['completed', 'failed', 'cancelled'];
const ALL_STATUSES = [...ACTIVE, ...FINISHED];
const ACTIVE_LIMIT = 1000;      // the API's largest page: active jobs are few on a desktop
const RECENT_LIMIT = 100;       // finished jobs shown: the newest ones
const ETA_WINDOW_MS = 30000;    // the progress rate is measured over this much recent time
const REFRESH_DELAY_MS = 400;   // counts and queues are re-read at most this often after status events

// Which buttons a status allows (the same rules as the library's transitions).
const ACTIONS = [
  { verb: 'pause', label: 'Pause', allowed: (s) => s === 'queued' || s === 'running' },
  { verb: 'resume', label: 'Resume', allowed: (s) => s === 'paused' },
  { verb: 'cancel', label: 'Cancel', allowed: (s) => ACTIVE.includes(s) },
  { verb: 'retry', label: 'Retry', allowed: (s) => s === 'failed' || s === 'cancelled' },
];

// The filters: each one reads its control, adds query parameters and tests a job. A new filter (tags) adds an
// entry here and a control in index.html.
const FILTERS = [
  {
    id: 'filter-status',
    statuses: (value) => (value ? value.split(',') : ALL_STATUSES),
    params: () => ({}), // statuses are split into an active and a finished query (see loadJobs)
    matches: (job, value) => !value || value.split(',').includes(job.status),
  },
  {
    id: 'filter-queue',
    statuses: () => ALL_STATUSES,
    params: (value) => (value ? { queue: value } : {}),
    matches: (job, value) => !value || job.queue === value,
  },
  {
    id: 'filter-tag',
    statuses: () => ALL_STATUSES,
    params: (value) => (value.trim() ? { tag: value.trim() } : {}),
    matches: (job, value) => !value.trim() || (job.tags || []).includes(value.trim()),
  },
];

const state = {
  jobs: new Map(),        // id -> job JSON as the API gives it
  rows: new Map(),        // id -> the row's elements
  rates: new Map(),       // id -> [{t, f}] recent progress samples, for the time left
  refetching: new Map(),  // id -> true while a GET of that job is in flight (a later event re-marks it dirty)
  excluded: new Set(),    // ids read and found not to match the filters: their progress events are ignored
  queues: [],
  events: null,
  loadSerial: 0,
  refreshTimer: 0,
  refreshAgain: false,
  signedOut: false,
};

const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------ talking to the endpoint

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
  } catch (e) {
    setConnection('offline', 'not connected: the app holding this library may have closed');
    throw new ApiError(0, 'offline', 'the library\'s endpoint does not answer');
  }
  let body = null;
  const text = await response.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : { code: 'http_' + response.status, message: response.statusText };
    if (response.status === 401) {
      signedOut();
    }
    throw new ApiError(response.status, error.code, error.message);
  }
  return body;
}

function query(path, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? path + '?' + text : path;
}

function signedOut() {
  if (state.signedOut) {
    return;
  }
  state.signedOut = true;
  if (state.events) {
    state.events.close();
  }
  setConnection('signed-out', 'signed out');
  showNotice('This page\'s session is no longer valid (the app may have restarted). '
    + 'Run "stint dashboard --library DIR" or use "Open dashboard" in the app for a new link.');
}

// ------------------------------------------------------------------ loading

function filterValues() {
  return FILTERS.map((f) => ({ filter: f, value: $(f.id).value }));
}

function matchesFilters(job) {
  return filterValues().every(({ filter, value }) => filter.matches(job, value));
}

/** The statuses every filter allows, and the extra query parameters they add. */
function filterQuery() {
  let statuses = ALL_STATUSES;
  const params = {};
  for (const { filter, value } of filterValues()) {
    const allowed = filter.statuses(value);
    statuses = statuses.filter((s) => allowed.includes(s));
    Object.assign(params, filter.params(value));
  }
  return { statuses, params };
}

/** How many jobs in these statuses (and this queue, if given) the counts report. */
function countOf(counts, statuses, queue) {
  const table = queue ? (counts.byQueue && counts.byQueue[queue]) || {} : counts.byStatus || {};
  let total = 0;
  for (const [status, n] of Object.entries(table)) {
    if (statuses.includes(status.toLowerCase())) {
      total += Number(n) || 0;
    }
  }
  return total;
}

/**
 * Loads the jobs the filters select: every active one, and the newest finished ones. Results come oldest first
 * (the API's dispatch order), so the newest finished jobs are on the last page, found from the counts.
 */
async function loadJobs() {
  const serial = ++state.loadSerial;
  state.excluded.clear();
  const { statuses, params } = filterQuery();
  const active = statuses.filter((s) => ACTIVE.includes(s));
  const finished = statuses.filter((s) => FINISHED.includes(s));
  const requests = [];
  if (active.length) {
    requests.push(api('GET', query('/v1/jobs', { ...params, status: active.join(','), page: 0, size: ACTIVE_LIMIT }))
      .then((r) => r.jobs));
  }
  if (finished.length && params.tag) {
    // no count per tag: the first 1,000 finished jobs of the tag, of which the newest are shown
    requests.push(api('GET', query('/v1/jobs', { ...params, status: finished.join(','), page: 0, size: 1000 }))
      .then((r) => r.jobs.slice(-RECENT_LIMIT)));
  } else if (finished.length) {
    requests.push(api('GET', '/v1/counts').then((counts) => {
      renderCounts(counts);
      const total = countOf(counts, finished, params.queue);
      const size = RECENT_LIMIT;
      const last = Math.max(0, Math.ceil(total / size) - 1);
      const pages = [last];
      if (last > 0 && total % size !== 0) {
        pages.unshift(last - 1); // the last page is short: the one before fills the view
      }
      return Promise.all(pages.map((page) => api('GET', query('/v1/jobs',
        { ...params, status: finished.join(','), page, size })).then((r) => r.jobs)))
        .then((lists) => lists.flat().slice(-RECENT_LIMIT));
    }));
  }
  const lists = await Promise.all(requests);
  if (serial !== state.loadSerial) {
    return; // the filters changed meanwhile: a newer load wins
  }
  state.jobs.clear();
  for (const job of lists.flat()) {
    state.jobs.set(job.id, job);
  }
  renderJobs();
}

async function loadQueues() {
  const body = await api('GET', '/v1/queues');
  state.queues = body.queues || [];
  renderQueues();
}

async function loadCounts() {
  renderCounts(await api('GET', '/v1/counts'));
}

async function loadLibrary() {
  const body = await api('GET', '/v1/library');
  $('library').textContent = body.dir || '';
  document.title = 'Stint: ' + (body.dir || 'dashboard');
}

async function loadAll() {
  await Promise.all([loadLibrary(), loadQueues(), loadCounts(), loadJobs()]);
}

/**
 * Re-reads counts and queues: at once after a quiet spell, else once at the end of the current spell (status events
 * come in bursts), so they are at most REFRESH_DELAY_MS behind.
 */
function scheduleRefresh() {
  if (state.refreshTimer) {
    state.refreshAgain = true;
    return;
  }
  Promise.all([loadQueues(), loadCounts()]).catch(report);
  state.refreshTimer = setTimeout(() => {
    state.refreshTimer = 0;
    if (state.refreshAgain) {
      state.refreshAgain = false;
      scheduleRefresh();
    }
  }, REFRESH_DELAY_MS);
}

/** Re-reads one job (its error, output, attempts...); a job that no longer matches the filters leaves the list. */
async function refetchJob(id) {
  if (state.refetching.get(id)) {
    state.refetching.set(id, 'again');
    return;
  }
  state.refetching.set(id, true);
  try {
    const job = await api('GET', '/v1/jobs/' + encodeURIComponent(id));
    upsertJob(job);
  } catch (e) {
    if (e.code === 'job_not_found') {
      removeJob(id);
    } else {
      report(e);
    }
  } finally {
    const again = state.refetching.get(id) === 'again';
    state.refetching.delete(id);
    if (again) {
      refetchJob(id);
    }
  }
}

function upsertJob(job) {
  const before = state.jobs.get(job.id);
  if (!matchesFilters(job)) {
    state.excluded.add(job.id);
    if (before) {
      removeJob(job.id);
    }
    return;
  }
  state.jobs.set(job.id, job);
  if (!before) {
    trimFinished();
  }
  if (before && before.status !== job.status) {
    announce(job.name + ' #' + shortId(job.id) + ' is now ' + job.status);
  }
  if (before && state.rows.has(job.id) && (before.parentId === job.parentId)) {
    updateRow(job);
  } else {
    renderJobs();
  }
}

/** Keeps the newest RECENT_LIMIT finished jobs: a page left open for days does not grow without end. */
function trimFinished() {
  const finished = [...state.jobs.values()].filter((j) => FINISHED.includes(j.status));
  if (finished.length <= RECENT_LIMIT) {
    return;
  }
  finished.sort((a, b) => (a.createdAt - b.createdAt) || compareIds(a.id, b.id));
  for (const job of finished.slice(0, finished.length - RECENT_LIMIT)) {
    state.jobs.delete(job.id);
    state.rates.delete(job.id);
  }
}

function removeJob(id) {
  state.jobs.delete(id);
  state.rates.delete(id);
  renderJobs();
}

// ------------------------------------------------------------------ live events

function connectEvents() {
  const source = new EventSource('/v1/events');
  state.events = source;
  source.addEventListener('open', () => setConnection('live', 'live'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      // refused (401 after a restart, or the app is gone): find out which, then stay closed
      setConnection('offline', 'not connected');
      api('GET', '/v1/library').then(() => {
        if (!state.signedOut) {
          setTimeout(connectEvents, 2000);
        }
      }).catch(() => {});
    } else {
      setConnection('connecting', 'reconnecting…'); // the browser retries with Last-Event-ID
    }
  });
  source.addEventListener('status', (e) => onStatusEvent(parse(e)));
  source.addEventListener('progress', (e) => onProgressEvent(parse(e)));
  source.addEventListener('reset', () => {
    // events were missed (the stream resumed from too far back): read everything again
    loadAll().catch(report);
  });
}

function parse(e) {
  try {
    return JSON.parse(e.data);
  } catch (err) {
    return null;
  }
}

function onStatusEvent(event) {
  if (!event || !event.jobId) {
    return;
  }
  state.excluded.delete(event.jobId); // its new status may match the filters
  const job = state.jobs.get(event.jobId);
  if (job && job.status !== event.status) {
    const updated = { ...job, status: event.status };
    if (event.progress !== undefined && event.progress !== null) {
      updated.progress = event.progress;
      sample(event.jobId, fraction(event.progress), event.at);
    }
    if (event.status !== 'running') {
      state.rates.delete(event.jobId);
    }
    upsertJob(updated);
  }
  refetchJob(event.jobId); // the status event carries no error, output or attempts: read the job
  scheduleRefresh();
}

function onProgressEvent(event) {
  if (!event || !event.jobId) {
    return;
  }
  const job = state.jobs.get(event.jobId);
  if (!job) {
    if (!state.excluded.has(event.jobId) && !state.refetching.has(event.jobId)) {
      refetchJob(event.jobId); // a job the list does not show yet
    }
    return;
  }
  const updated = { ...job, progress: event.progress };
  if (event.status) {
    updated.status = event.status;
  }
  sample(event.jobId, fraction(event.progress), event.at);
  state.jobs.set(job.id, updated);
  updateRow(updated);
}

// ------------------------------------------------------------------ progress and time left

/** The fraction done (0..1) a progress value says, or null when it says none. */
function fraction(progress) {
  if (!progress) {
    return null;
  }
  switch (progress.kind) {
    case 'count':
    case 'bytes':
      return progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : null;
    case 'percent':
      return Math.min(1, Math.max(0, Number(progress.value) || 0));
    case 'phase': {
      const data = progress.data || {};
      return Number(data.total) > 0 ? Math.min(1, Math.max(0, Number(data.done) / Number(data.total))) : null;
    }
    default:
      return null;
  }
}

function progressText(progress) {
  if (!progress) {
    return '';
  }
  switch (progress.kind) {
    case 'count':
      return progress.done + ' / ' + progress.total;
    case 'bytes':
      return bytes(progress.done) + ' / ' + bytes(progress.total);
    case 'percent':
      return (Math.round((Number(progress.value) || 0) * 1000) / 10) + '%';
    case 'phase': {
      const data = progress.data || {};
      return progress.name + (data.total !== undefined ? ' ' + data.done + ' / ' + data.total : '');
    }
    case 'indeterminate':
      return progress.message || '';
    default:
      return '';
  }
}

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(n) || 0;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
}

function sample(id, f, at) {
  if (f === null) {
    state.rates.delete(id);
    return;
  }
  const t = Number(at) || Date.now();
  const samples = state.rates.get(id) || [];
  if (samples.length && f < samples[samples.length - 1].f) {
    samples.length = 0; // went backwards (a restart from a checkpoint): measure afresh
  }
  samples.push({ t, f });
  while (samples.length > 2 && t - samples[0].t > ETA_WINDOW_MS) {
    samples.shift();
  }
  state.rates.set(id, samples);
}

/** Milliseconds left at the recent rate, or null when there is no rate yet. */
function timeLeft(job) {
  if (job.status !== 'running') {
    return null;
  }
  const samples = state.rates.get(job.id);
  if (!samples || samples.length < 2) {
    return null;
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const dt = last.t - first.t;
  const df = last.f - first.f;
  if (dt < 500 || df <= 0) {
    return null;
  }
  return ((1 - last.f) / df) * dt;
}

function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) {
    return s + 's';
  }
  if (s < 3600) {
    return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
  }
  return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
}

function timeOf(epochMillis) {
  if (epochMillis === null || epochMillis === undefined) {
    return '';
  }
  const d = new Date(epochMillis);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}

// ------------------------------------------------------------------ rendering

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === 'text') {
      node.textContent = value;
    } else if (key === 'className') {
      node.className = value;
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child);
    }
  }
  return node;
}

/** The jobs in display order: newest roots first, each followed by its children (oldest first), indented. */
function ordered() {
  const jobs = [...state.jobs.values()];
  const byParent = new Map();
  const roots = [];
  for (const job of jobs) {
    if (job.parentId && state.jobs.has(job.parentId) && job.parentId !== job.id) {
      if (!byParent.has(job.parentId)) {
        byParent.set(job.parentId, []);
      }
      byParent.get(job.parentId).push(job);
    } else {
      roots.push(job);
    }
  }
  const newestFirst = (a, b) => (b.createdAt - a.createdAt) || compareIds(b.id, a.id);
  const oldestFirst = (a, b) => -newestFirst(a, b);
  roots.sort(newestFirst);
  const out = [];
  const seen = new Set();
  const walk = (job, depth) => {
    if (seen.has(job.id)) {
      return; // a crafted parent cycle must not loop
    }
    seen.add(job.id);
    out.push({ job, depth });
    for (const child of (byParent.get(job.id) || []).sort(oldestFirst)) {
      walk(child, depth + 1);
    }
  };
  roots.forEach((job) => walk(job, 0));
  for (const job of jobs) {
    if (!seen.has(job.id)) {
      walk(job, 0); // members of a parent cycle: shown flat
    }
  }
  return out;
}

/** An id short enough to read: ids are UUIDs, whose last 8 characters are random (the first ones are a time). */
function shortId(id) {
  const text = String(id);
  return text.length > 12 ? text.slice(-8) : text;
}

function compareIds(a, b) {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) {
    return na - nb;
  }
  return String(a).localeCompare(String(b));
}

function renderJobs() {
  const body = $('job-rows');
  const rows = [];
  const keep = new Set();
  for (const { job, depth } of ordered()) {
    let row = state.rows.get(job.id);
    if (!row) {
      row = createRow(job);
      state.rows.set(job.id, row);
    }
    row.tr.dataset.depth = String(Math.min(depth, 6)); // app.css indents by depth
    updateRow(job);
    rows.push(row.tr);
    keep.add(job.id);
  }
  for (const id of [...state.rows.keys()]) {
    if (!keep.has(id)) {
      state.rows.delete(id);
    }
  }
  body.replaceChildren(...rows);
  $('jobs-empty').hidden = rows.length > 0;
}

function createRow(job) {
  const row = {};
  row.name = el('span', { className: 'job-name', 'data-testid': 'job-name' });
  row.id = el('span', { className: 'job-id', 'data-testid': 'job-id', title: job.id, text: '#' + shortId(job.id) });
  row.parent = el('span', { className: 'job-parent', 'data-testid': 'job-parent' });
  row.error = el('p', { className: 'job-error', 'data-testid': 'job-error', hidden: true });
  row.note = el('p', { className: 'job-note', 'data-testid': 'job-note', hidden: true });
  row.status = el('span', { className: 'status', 'data-testid': 'job-status' });
  row.bar = el('progress', { className: 'bar', 'data-testid': 'job-progress', max: '1',
    'aria-label': 'Progress of ' + job.name + ' #' + shortId(job.id) });
  row.progressText = el('span', { className: 'progress-text', 'data-testid': 'job-progress-text' });
  row.eta = el('span', { 'data-testid': 'job-eta' });
  row.queue = el('span', { 'data-testid': 'job-queue' });
  row.created = el('time', { 'data-testid': 'job-created' });
  row.buttons = {};
  const actions = el('div', { className: 'actions', role: 'group',
    'aria-label': 'Actions for ' + job.name + ' #' + shortId(job.id) });
  for (const action of ACTIONS) {
    const button = el('button', { type: 'button', className: 'action action-' + action.verb,
      'data-testid': action.verb + '-' + job.id, 'data-action': action.verb, text: action.label });
    button.addEventListener('click', () => act(job.id, action.verb, button));
    row.buttons[action.verb] = button;
    actions.append(button);
  }
  row.tr = el('tr', { className: 'job', 'data-testid': 'job-row', 'data-job-id': job.id, id: 'job-' + job.id },
    el('th', { scope: 'row', className: 'job-cell' },
      el('div', { className: 'job-title' }, row.name, ' ', row.id, ' ', row.parent), row.error, row.note),
    el('td', {}, row.status),
    el('td', { className: 'progress-col' }, row.bar, row.progressText),
    el('td', { className: 'nowrap' }, row.eta),
    el('td', {}, row.queue),
    el('td', { className: 'nowrap' }, row.created),
    el('td', {}, actions));
  return row;
}

function updateRow(job) {
  const row = state.rows.get(job.id);
  if (!row) {
    return;
  }
  row.tr.dataset.status = job.status;
  if (job.parentId) {
    row.tr.dataset.parentId = job.parentId;
  }
  row.name.textContent = job.name;
  // a child shown under its parent needs no note; one whose parent is not listed says whose it is
  row.parent.textContent = job.parentId && row.tr.dataset.depth === '0' ? 'child of #' + shortId(job.parentId) : '';
  row.status.textContent = job.status;
  row.status.className = 'status status-' + job.status;

  const f = fraction(job.progress);
  if (f !== null) {
    row.bar.value = f;
  } else if (job.status === 'completed') {
    row.bar.value = 1;
  } else {
    row.bar.removeAttribute('value'); // indeterminate while it runs
  }
  // a job that reported nothing shows a bar only while it runs (moving) or once it completed (full)
  row.bar.hidden = f === null && !job.progress && job.status !== 'running' && job.status !== 'completed';
  row.bar.setAttribute('aria-valuetext', progressText(job.progress) || job.status);
  row.progressText.textContent = progressText(job.progress);

  const left = timeLeft(job);
  row.eta.textContent = left === null ? (job.status === 'running' ? '…' : '') : duration(left);
  row.queue.textContent = job.queue || '';
  row.created.textContent = timeOf(job.createdAt);
  if (job.createdAt) {
    row.created.setAttribute('datetime', new Date(job.createdAt).toISOString());
  }

  const error = job.error ? job.error.type + ': ' + job.error.message : '';
  row.error.textContent = error;
  row.error.hidden = !error;
  row.note.textContent = note(job);
  row.note.hidden = !row.note.textContent;

  for (const action of ACTIONS) {
    const button = row.buttons[action.verb];
    const allowed = action.allowed(job.status) && !job.damage;
    if (!button.dataset.busy) {
      button.disabled = !allowed;
    }
    // finished jobs offer only Retry (when they may be retried); active ones Pause, Resume and Cancel
    button.hidden = action.verb === 'retry' ? !allowed : FINISHED.includes(job.status);
    button.setAttribute('aria-label', action.label + ' ' + job.name + ' #' + shortId(job.id));
  }
}

function note(job) {
  const parts = [];
  if (job.status === 'queued' && job.runAt && job.runAt > Date.now()) {
    parts.push('starts at ' + timeOf(job.runAt));
  }
  if (job.attempts > 1 || (job.maxAttempts > 1 && job.attemptErrors && job.attemptErrors.length)) {
    parts.push('attempt ' + job.attempts + ' of ' + job.maxAttempts);
  }
  if (job.nonCriticalErrors && job.nonCriticalErrors.length) {
    parts.push(job.nonCriticalErrors.length + ' non-critical error' + (job.nonCriticalErrors.length > 1 ? 's' : ''));
  }
  if (job.retryOf) {
    parts.push('retry of #' + shortId(job.retryOf));
  }
  if (job.damage) {
    parts.push('damaged row: ' + (job.damage.problems || []).join('; '));
  }
  return parts.join(' · ');
}

function renderQueues() {
  const body = $('queue-rows');
  const rows = state.queues.map((q) => {
    const button = el('button', { type: 'button', className: 'action',
      'data-testid': (q.paused ? 'resume-queue-' : 'pause-queue-') + q.name,
      'data-action': q.paused ? 'resume' : 'pause',
      'aria-label': (q.paused ? 'Resume' : 'Pause') + ' queue ' + q.name,
      text: q.paused ? 'Resume' : 'Pause' });
    button.addEventListener('click', () => actOnQueue(q.name, q.paused ? 'resume' : 'pause', button));
    return el('tr', { 'data-testid': 'queue-row', 'data-queue': q.name, 'data-paused': String(!!q.paused) },
      el('th', { scope: 'row', text: q.name }),
      el('td', { text: String(q.concurrency) }),
      el('td', { text: q.running === undefined ? '' : String(q.running) }),
      el('td', { text: q.queued === undefined ? '' : String(q.queued) }),
      el('td', {}, el('span', { className: 'status ' + (q.paused ? 'status-paused' : 'status-running'),
        'data-testid': 'queue-state', text: q.paused ? 'paused' : 'running' })),
      el('td', {}, button));
  });
  body.replaceChildren(...rows);

  const select = $('filter-queue');
  const chosen = select.value;
  const names = new Set(state.queues.map((q) => q.name));
  if (chosen) {
    names.add(chosen);
  }
  const options = [el('option', { value: '', text: 'all' })];
  for (const name of [...names].sort()) {
    options.push(el('option', { value: name, text: name }));
  }
  select.replaceChildren(...options);
  select.value = chosen;
}

function renderCounts(counts) {
  const byStatus = counts.byStatus || {};
  const items = ALL_STATUSES.map((status) => {
    const key = Object.keys(byStatus).find((k) => k.toLowerCase() === status);
    const n = key ? byStatus[key] : 0;
    return el('li', { className: 'count count-' + status, 'data-testid': 'count-' + status },
      el('span', { className: 'count-n', text: String(n) }), ' ', el('span', { text: status }));
  });
  $('counts').replaceChildren(...items);
}

// ------------------------------------------------------------------ actions

async function act(id, verb, button) {
  button.dataset.busy = '1';
  button.disabled = true;
  try {
    const job = await api('POST', '/v1/jobs/' + encodeURIComponent(id) + '/' + verb);
    hideNotice();
    if (verb === 'retry') {
      announce('#' + shortId(id) + ' retried as #' + shortId(job.id));
    }
    upsertJob(job);
    scheduleRefresh();
  } catch (e) {
    report(e);
    refetchJob(id);
  } finally {
    delete button.dataset.busy;
    const job = state.jobs.get(id);
    if (job) {
      updateRow(job);
    }
  }
}

async function actOnQueue(name, verb, button) {
  button.disabled = true;
  try {
    await api('POST', '/v1/queues/' + encodeURIComponent(name) + '/' + verb);
    hideNotice();
    announce('Queue ' + name + (verb === 'pause' ? ' paused' : ' resumed'));
    await loadQueues();
  } catch (e) {
    report(e);
    button.disabled = false;
  }
}

// ------------------------------------------------------------------ messages

function setConnection(kind, text) {
  const node = $('connection');
  if (state.signedOut && kind !== 'signed-out') {
    return;
  }
  node.dataset.state = kind;
  node.textContent = text;
}

function showNotice(text) {
  const node = $('notice');
  node.textContent = text;
  node.hidden = false;
}

function hideNotice() {
  if (!state.signedOut) {
    $('notice').hidden = true;
  }
}

function report(e) {
  if (state.signedOut) {
    return;
  }
  const message = e instanceof ApiError ? e.message + (e.code ? ' (' + e.code + ')' : '') : String(e);
  showNotice(message);
}

function announce(text) {
  const node = $('announcer');
  node.append(el('p', { text }));
  while (node.childElementCount > 5) {
    node.firstElementChild.remove();
  }
}

// ------------------------------------------------------------------ start

function start() {
  for (const filter of FILTERS) {
    $(filter.id).addEventListener('change', () => loadJobs().catch(report));
  }
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  connectEvents(); // first, so no change between the first read and the stream is missed
  loadAll().catch(report);
  setInterval(() => {
    // the time left and "starts at" notes age without events
    for (const job of state.jobs.values()) {
      if (ACTIVE.includes(job.status)) {
        updateRow(job);
      }
    }
  }, 1000);
}

start();
