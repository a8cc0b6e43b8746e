// healthstream console: plain DOM, no framework. Every data call carries the bearer token the user entered once;
// it lives in sessionStorage, so it is gone when the tab closes. Text is set with textContent, never as HTML.
'use strict';

const TOKEN_KEY = 'healthstream.token';
const WRITE_TOKEN_KEY = 'healthstream.write-token';
// The API lives where the console does, minus /console/ (it may sit behind a path-prefixing proxy).
const API = window.location.pathname.replace(/\/console\/.*$/, '');
const BANDS = ['RED', 'YELLOW', 'GREEN', 'THRIVING'];
const TIERS = ['LOW_TOUCH', 'MID_TOUCH', 'HIGH_TOUCH'];

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) return;
    if (name === 'onclick' || name === 'onsubmit' || name === 'onchange') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  });
  children.flat(Infinity).forEach(child => {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  });
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child instanceof Node ? child : String(child)));
  return node;
}

async function call(method, path, body, token) {
  const headers = {Accept: 'application/json'};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(API + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, json.error || response.statusText);
  return json;
}

function read(path) {
  return call('GET', path, undefined, sessionStorage.getItem(TOKEN_KEY));
}

// ---- formatting

function money(minor, currency) {
  if (!currency) return '–';
  return new Intl.NumberFormat(undefined, {style: 'currency', currency, maximumFractionDigits: 0}).format(minor / 100);
}

function moneyByCurrency(byCurrency) {
  const entries = Object.entries(byCurrency || {});
  return entries.length === 0 ? '–' : entries.map(([currency, amount]) => money(amount, currency)).join(' + ');
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h`;
}

function when(iso) {
  return iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '–';
}

function badge(band) {
  return el('span', {class: 'badge band-' + (band || 'NONE').toLowerCase()}, band || 'not scored');
}

function accountLink(id) {
  return el('a', {href: '#/account/' + encodeURIComponent(id)}, id);
}

function table(caption, headers, rows, attributes) {
  return el('table', attributes,
    el('caption', null, caption),
    el('thead', null, el('tr', null, headers.map(h => h instanceof Node ? h : el('th', {scope: 'col'}, h)))),
    el('tbody', null, rows.length ? rows : el('tr', null, el('td', {colspan: headers.length, class: 'empty'}, 'None'))));
}

// ---- sign-in

function showLogin(message) {
  document.getElementById('view').replaceChildren();
  document.getElementById('login').hidden = false;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('login-error').textContent = message || '';
  document.getElementById('token').focus();
}

document.getElementById('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const token = document.getElementById('token').value.trim();
  try {
    // Checks the token once before keeping it.
    await call('GET', '/info', undefined, token);
    sessionStorage.setItem(TOKEN_KEY, token);
    document.getElementById('token').value = '';
    document.getElementById('login').hidden = true;
    route();
  } catch (error) {
    showLogin(error.status === 401 ? 'That token is not accepted.' : 'Sign-in failed: ' + error.message);
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(WRITE_TOKEN_KEY);
  showLogin('Signed out.');
});

// ---- routing: #/?touch_tier=..&segment=.. is the portfolio, #/account/<id> one account

async function route() {
  if (sessionStorage.getItem(TOKEN_KEY) === null) {
    showLogin();
    return;
  }
  document.getElementById('login').hidden = true;
  document.getElementById('sign-out').hidden = false;
  const view = document.getElementById('view');
  const hash = window.location.hash || '#/';
  const account = hash.match(/^#\/account\/(.+)$/);
  view.replaceChildren(el('p', {class: 'loading'}, 'Loading…'));
  try {
    const page = account ? await accountPage(decodeURIComponent(account[1])) : await portfolioPage(hash);
    view.replaceChildren(page);
    document.title = page.dataset.title + ' · healthstream';
    view.focus();
  } catch (error) {
    if (error.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('The token is no longer accepted; sign in again.');
    } else {
      view.replaceChildren(el('p', {class: 'error', role: 'alert'}, error.message));
    }
  }
}

window.addEventListener('hashchange', route);

// ---- portfolio

async function portfolioPage(hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const filter = new URLSearchParams();
  ['touch_tier', 'segment'].forEach(name => { if (params.get(name)) filter.set(name, params.get(name)); });
  const portfolio = await read('/portfolio' + (filter.toString() ? '?' + filter : ''));
  const page = el('div', {class: 'page', id: 'portfolio-page'},
    el('h1', null, 'Portfolio'),
    el('p', {class: 'meta'}, 'As of ', el('time', {datetime: portfolio.as_of || ''}, when(portfolio.as_of)),
      portfolio.partial ? el('strong', {class: 'error'}, ` · partial: partitions ${portfolio.missing_partitions.join(', ')} did not answer`) : null),
    filterForm(portfolio, params),
    el('div', {class: 'grid'}, bandsSection(portfolio), signalsSection(portfolio)),
    atRiskSection(portfolio));
  page.dataset.title = 'Portfolio';
  return page;
}

function filterForm(portfolio, params) {
  const select = (name, label, options) => [
    el('label', {for: 'filter-' + name}, label),
    el('select', {id: 'filter-' + name, name},
      el('option', {value: ''}, 'All'),
      options.map(option => el('option', {value: option, selected: params.get(name) === option}, option)))];
  return el('form', {class: 'filters', id: 'filters', onsubmit: event => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    ['touch_tier', 'segment'].forEach(name => {
      const value = event.target.elements[name].value;
      if (value) chosen.set(name, value);
    });
    window.location.hash = '#/' + (chosen.toString() ? '?' + chosen : '');
  }},
  select('touch_tier', 'Touch tier', TIERS),
  select('segment', 'Segment', portfolio.segments),
  el('button', {type: 'submit'}, 'Filter'));
}

function bandsSection(portfolio) {
  const most = Math.max(1, ...portfolio.bands.map(line => line.accounts));
  const rows = portfolio.bands.map(line => el('tr', {'data-band': line.band},
    el('th', {scope: 'row'}, badge(line.band)),
    el('td', {class: 'num'}, line.accounts),
    el('td', null, el('span', {class: 'bar band-' + line.band.toLowerCase(), style: null, 'data-share': line.accounts / most})),
    el('td', {class: 'num'}, moneyByCurrency(line.mrr))));
  const section = el('section', {class: 'card', 'aria-labelledby': 'bands-title'},
    el('h2', {id: 'bands-title'}, 'Accounts and MRR per band'),
    table('Accounts per band', ['Band', 'Accounts', el('th', {scope: 'col'}, el('span', {class: 'visually-hidden'}, 'Share')), 'MRR'], rows, {id: 'bands'}));
  // Widths through the CSSOM: the content security policy allows no inline style attributes.
  section.querySelectorAll('.bar').forEach(bar => { bar.style.width = (Number(bar.dataset.share) * 100) + '%'; });
  return section;
}

function signalsSection(portfolio) {
  const recent = portfolio.recent;
  if (!recent) return el('section', {class: 'card'}, el('h2', null, 'Signals and alerts'), el('p', null, 'Not available from this engine.'));
  const kinds = [['CHURN_SIGNAL', 'Churn signals'], ['CONTRACTION_ALERT', 'Contraction alerts']];
  const rows = kinds.map(([kind, label]) => el('tr', {'data-kind': kind},
    el('th', {scope: 'row'}, label),
    el('td', {class: 'num'}, recent.last_day[kind] || 0),
    el('td', {class: 'num'}, recent.last_week[kind] || 0)));
  return el('section', {class: 'card', 'aria-labelledby': 'signals-title'},
    el('h2', {id: 'signals-title'}, 'Signals and alerts'),
    table('Signals and alerts before ' + when(portfolio.as_of), ['', 'Last 24 h', 'Last 7 days'], rows, {id: 'recent'}));
}

const SORTS = {
  mrr: {label: 'MRR at risk', compare: (a, b) => b.mrr_at_risk - a.mrr_at_risk},
  time: {label: 'Time in band', compare: (a, b) => (b.seconds_in_band ?? -1) - (a.seconds_in_band ?? -1)},
};

function atRiskSection(portfolio) {
  const section = el('section', {class: 'card', 'aria-labelledby': 'at-risk-title'});
  const render = sortKey => {
    const accounts = [...portfolio.at_risk].sort((a, b) => SORTS[sortKey].compare(a, b) || a.account_id.localeCompare(b.account_id));
    const sortHeader = key => el('th', {scope: 'col', 'aria-sort': key === sortKey ? 'descending' : 'none'},
      el('button', {type: 'button', class: 'sort', id: 'sort-' + key, onclick: () => { render(key); document.getElementById('sort-' + key).focus(); }},
        SORTS[key].label, key === sortKey ? ' ▼' : ''));
    const rows = accounts.map(account => el('tr', {'data-account': account.account_id, 'data-band': account.band,
      'data-mrr': account.mrr_at_risk, 'data-seconds': account.seconds_in_band ?? ''},
      el('th', {scope: 'row'}, accountLink(account.account_id)),
      el('td', null, badge(account.band)),
      el('td', {class: 'num'}, account.score === null ? '–' : account.score.toFixed(1)),
      el('td', {class: 'num'}, money(account.mrr_at_risk, account.currency)),
      el('td', null, account.billing_status),
      el('td', {class: 'num'}, duration(account.seconds_in_band)),
      el('td', null, account.critical_signal ? `${account.critical_signal.summary} (${when(account.critical_signal.at)})` : '–'),
      el('td', null, account.touch_tier),
      el('td', null, account.segment)));
    section.replaceChildren(
      el('h2', {id: 'at-risk-title'}, `At risk: ${portfolio.at_risk_total} accounts`),
      el('p', {class: 'meta'}, 'RED accounts and accounts with a CRITICAL churn signal in the last 7 days',
        portfolio.at_risk_total > portfolio.at_risk.length ? ` (the ${portfolio.at_risk.length} with the most MRR at risk shown)` : ''),
      el('div', {class: 'scroll'}, table('At-risk accounts',
        ['Account', 'Band', 'Score', sortHeader('mrr'), 'Billing', sortHeader('time'), 'Critical signal', 'Touch tier', 'Segment'], rows, {id: 'at-risk'})));
  };
  render('mrr');
  return section;
}

// ---- one account

async function accountPage(id) {
  const path = '/accounts/' + encodeURIComponent(id);
  const account = await read(path);
  const history = await read(historyPath(account));
  const page = el('div', {class: 'page', id: 'account-page', 'data-account': id, 'data-history': historyPath(account)},
    el('p', null, el('a', {href: '#/'}, '← Portfolio')),
    el('h1', null, id, ' ', badge(account.band)),
    summary(account),
    el('section', {class: 'card', 'aria-labelledby': 'chart-title'},
      el('h2', {id: 'chart-title'}, 'Score history'),
      chart(account, history)),
    el('div', {class: 'grid'},
      driversSection(account),
      changesSection(history)),
    eventsSection(history),
    el('div', {class: 'grid'}, npsSection(account), ticketsSection(account)),
    overrideSection(id, account.override));
  page.dataset.title = id;
  return page;
}

// The 90 days up to the account's own latest evaluation: a backfilled or replayed portfolio ends in the past.
function historyPath(account) {
  const latest = Math.max(...[account.assessed_at, account.last_event_at].filter(Boolean).map(Date.parse), 0);
  const to = new Date(latest > 0 ? latest + 1000 : Date.now());
  const from = new Date(to.getTime() - 90 * 86400 * 1000);
  return `/accounts/${encodeURIComponent(account.account_id)}/history?from=${from.toISOString()}&to=${to.toISOString()}`;
}

function summary(account) {
  const facts = [
    ['Score', account.score === null ? '–' : account.score.toFixed(1)],
    ['Plan', account.plan || '–'],
    ['Seats', account.seats],
    ['MRR', money(account.mrr, account.currency)],
    ['Billing', account.billing_status],
    ['Touch tier', account.touch_tier || '–'],
    ['Segment', account.segment || '–'],
    ['Last event', when(account.last_event_at)],
    ['Recommended action', account.recommended_action || '–'],
  ];
  const override = account.override;
  return el('div', null,
    el('dl', {class: 'facts'}, facts.map(([term, value]) => [el('dt', null, term), el('dd', null, value)])),
    override ? el('p', {class: 'override', id: 'active-override'},
      'Overridden to ', badge(override.band), ` by ${override.author} until ${when(override.expires_at)}: ${override.reason}`) : null);
}

const CHART = {width: 720, height: 260, left: 44, right: 12, top: 12, bottom: 56, lane: 18};

function chart(account, history) {
  const points = history.points;
  if (points.length === 0) return el('p', {id: 'no-history'}, 'No score history in this period.');
  const times = points.map(p => Date.parse(p.at)).concat(history.events.map(e => Date.parse(e.at)));
  const start = Math.min(...times);
  const end = Math.max(...times, start + 1);
  const bounds = account.band_bounds || {red_max: 40, yellow_max: 70, green_max: 100};
  const top = Math.max(bounds.green_max + 10, ...points.map(p => p.score));
  const plotBottom = CHART.height - CHART.bottom;
  const x = t => CHART.left + (t - start) / (end - start) * (CHART.width - CHART.left - CHART.right);
  const y = score => CHART.top + (1 - score / top) * (plotBottom - CHART.top);
  const drawing = svg('svg', {
    id: 'score-chart', viewBox: `0 0 ${CHART.width} ${CHART.height}`, role: 'img',
    'aria-label': `Score history: ${points.length} points from ${when(points[0].at)} to ${when(points[points.length - 1].at)}, latest ${points[points.length - 1].score}`});
  [['red', bounds.red_max], ['yellow', bounds.yellow_max], ['green', bounds.green_max]].forEach(([band, bound]) => {
    drawing.append(svg('line', {class: 'threshold threshold-' + band, x1: CHART.left, x2: CHART.width - CHART.right, y1: y(bound), y2: y(bound)}));
    drawing.append(svg('text', {class: 'axis', x: CHART.left - 4, y: y(bound) + 4, 'text-anchor': 'end'}, String(bound)));
  });
  drawing.append(svg('polyline', {class: 'score-line', points: points.map(p => `${x(Date.parse(p.at))},${y(p.score)}`).join(' ')}));
  points.forEach(p => drawing.append(svg('circle', {class: 'point band-' + p.band.toLowerCase(), cx: x(Date.parse(p.at)), cy: y(p.score), r: 3},
    svg('title', {}, `${when(p.at)}: ${p.score} ${p.band}${p.override ? ' (overridden to ' + p.override.band + ')' : ''}`))));
  // Signals and alerts on the same time axis, one lane below the plot.
  const laneY = plotBottom + CHART.lane;
  drawing.append(svg('line', {class: 'lane', x1: CHART.left, x2: CHART.width - CHART.right, y1: laneY, y2: laneY}));
  history.events.forEach(e => drawing.append(svg('path', {
    class: 'event-marker kind-' + e.kind.toLowerCase() + (e.severity ? ' severity-' + e.severity.toLowerCase() : ''),
    d: `M${x(Date.parse(e.at))} ${laneY - 6} l5 6 l-5 6 l-5 -6 z`}, svg('title', {}, `${when(e.at)} ${e.kind}: ${e.summary}`))));
  drawing.append(svg('text', {class: 'axis', x: CHART.left, y: CHART.height - 8}, when(new Date(start).toISOString())));
  drawing.append(svg('text', {class: 'axis', x: CHART.width - CHART.right, y: CHART.height - 8, 'text-anchor': 'end'}, when(new Date(end).toISOString())));
  return el('figure', {class: 'chart'}, drawing,
    el('figcaption', null, 'Score with the band bounds; diamonds below are signals and alerts (hover for details).'));
}

function driversSection(account) {
  return el('section', {class: 'card', 'aria-labelledby': 'drivers-title'},
    el('h2', {id: 'drivers-title'}, 'Drivers'),
    el('ul', {id: 'drivers'}, account.drivers.length ? account.drivers.map(d => el('li', null, d.message)) : el('li', null, 'None')));
}

function changesSection(history) {
  const changed = history.points.filter(p => p.changes && p.changes.length).slice(-10).reverse();
  return el('section', {class: 'card', 'aria-labelledby': 'changes-title'},
    el('h2', {id: 'changes-title'}, 'What changed'),
    el('ul', {id: 'changes'}, changed.length ? changed.map(p => el('li', null, el('time', {datetime: p.at}, when(p.at)), ` → ${p.score} ${p.band}`,
      el('ul', null, p.changes.map(c => el('li', null, `${c.component} ${c.delta > 0 ? '+' : ''}${c.delta}: ${c.reason}`))))) : el('li', null, 'No change recorded in this period.')));
}

function eventsSection(history) {
  const rows = [...history.events].reverse().map(e => el('tr', {'data-kind': e.kind},
    el('td', null, el('time', {datetime: e.at}, when(e.at))),
    el('td', null, e.kind.replaceAll('_', ' ').toLowerCase()),
    el('td', null, e.severity || '–'),
    el('td', null, e.summary)));
  return el('section', {class: 'card', 'aria-labelledby': 'events-title'},
    el('h2', {id: 'events-title'}, 'Signals and alerts'),
    el('div', {class: 'scroll'}, table('Signals, alerts, follow-ups and opportunities, newest first', ['When', 'Kind', 'Severity', 'What'], rows, {id: 'events'})));
}

function npsSection(account) {
  const rows = account.nps_answers.map(a => el('tr', null, el('td', null, a.user_id), el('td', {class: 'num'}, a.score), el('td', null, when(a.at))));
  return el('section', {class: 'card', 'aria-labelledby': 'nps-title'},
    el('h2', {id: 'nps-title'}, 'NPS answers'),
    table('Latest answer of each user', ['User', 'Score', 'When'], rows, {id: 'nps'}));
}

function ticketsSection(account) {
  const rows = account.open_tickets.map(t => el('tr', null, el('td', null, t.ticket_id), el('td', null, t.priority),
    el('td', null, t.stage + (t.escalated ? ', escalated' : '')), el('td', null, when(t.updated_at))));
  return el('section', {class: 'card', 'aria-labelledby': 'tickets-title'},
    el('h2', {id: 'tickets-title'}, 'Open tickets'),
    table('Tickets not resolved', ['Ticket', 'Priority', 'Stage', 'Updated'], rows, {id: 'tickets'}));
}

function overrideSection(id, active) {
  const status = el('p', {id: 'override-status', role: 'status'});
  const form = el('form', {id: 'override-form', class: 'override-form', onsubmit: event => submitOverride(event, id, status)},
    el('label', {for: 'override-band'}, 'Band'),
    el('select', {id: 'override-band', name: 'band', required: true}, BANDS.map(b => el('option', {value: b}, b))),
    el('label', {for: 'override-reason'}, 'Reason'),
    el('textarea', {id: 'override-reason', name: 'reason', required: true, rows: 2}),
    el('label', {for: 'override-author'}, 'Your name'),
    el('input', {id: 'override-author', name: 'author', required: true, autocomplete: 'name'}),
    el('label', {for: 'override-days'}, 'Days'),
    el('input', {id: 'override-days', name: 'days', type: 'number', min: 1, value: 30, required: true}),
    el('label', {for: 'override-token'}, 'Write token'),
    el('input', {id: 'override-token', name: 'token', type: 'password', autocomplete: 'off',
      placeholder: sessionStorage.getItem(WRITE_TOKEN_KEY) ? 'kept for this tab' : ''}),
    el('div', {class: 'actions'},
      el('button', {type: 'submit'}, 'Override'),
      active ? el('button', {type: 'button', id: 'lift-override', onclick: event => liftOverride(event.target.form, id, status)}, 'Lift override') : null));
  return el('section', {class: 'card', 'aria-labelledby': 'override-title'},
    el('h2', {id: 'override-title'}, 'Override the band'),
    el('p', {class: 'meta'}, 'The score keeps being computed and shown; the override holds the band until it expires or is lifted.'),
    form, status);
}

function writeToken(form) {
  const given = form.elements.token.value.trim();
  if (given) sessionStorage.setItem(WRITE_TOKEN_KEY, given);
  return sessionStorage.getItem(WRITE_TOKEN_KEY) || sessionStorage.getItem(TOKEN_KEY);
}

async function submitOverride(event, id, status) {
  event.preventDefault();
  const form = event.target;
  const body = {band: form.elements.band.value, reason: form.elements.reason.value.trim(),
    author: form.elements.author.value.trim(), days: Number(form.elements.days.value)};
  await write('POST', id, body, writeToken(form), status, 'Override recorded', account => account.override && account.override.band === body.band);
}

// Lifting is audited like setting: it takes the form's reason and author too.
async function liftOverride(form, id, status) {
  if (!form.reportValidity()) return;
  const body = {reason: form.elements.reason.value.trim(), author: form.elements.author.value.trim()};
  await write('DELETE', id, body, writeToken(form), status, 'Override lifted', account => !account.override);
}

// Sends the change, then waits (up to 30 s) for the engine to apply it before showing the account again.
async function write(method, id, body, token, status, done, applied) {
  status.textContent = 'Sending…';
  const path = '/accounts/' + encodeURIComponent(id);
  try {
    await call(method, path + '/override', body, token);
    status.textContent = done + '; waiting for the engine to apply it…';
    for (let attempt = 0; attempt < 30; attempt++) {
      if (applied(await read(path))) {
        await route();
        document.getElementById('override-status').textContent = done + '.';
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    status.textContent = done + ', not applied yet; reload later.';
  } catch (error) {
    if (error.status === 403) sessionStorage.removeItem(WRITE_TOKEN_KEY);
    status.textContent = (error.status === 403 ? 'This token may not write: ' : 'Failed: ') + error.message;
  }
}

route();
