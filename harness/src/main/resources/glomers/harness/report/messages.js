// messages.html: a network journal drawn as a Lamport diagram, one window of time at a time.
// The data (see MessageDiagram.java) is in the element #journal-data; times are microseconds
// since the start of the run. The view's state lives in the URL's hash, so a view can be linked:
//   #from=1.5&len=0.25&nodes=n1,n2&types=broadcast,gossip&clients=each&stubs=0&y=order
// from and len are seconds; nodes (any vertical line: clients, nodes, services) and types default
// to all. The element #counts carries the window's figures as data attributes for tests.
(function () {
  'use strict';

  const MAX_DRAWN = 3000;      // messages drawn at most; past that the page asks for a shorter window
  const LABEL_LIMIT = 300;     // labels only when at most this many messages are drawn
  const WINDOW_PX = 760;       // height of a window in time mode
  const ROW_PX = 18;           // height of one event in order mode
  const TOP = 34, LEFT = 78, RIGHT = 24, BOTTOM = 34;
  const STUB_PX = 40;          // length of a message to or from a hidden line
  const LENGTHS = [1e3, 1e4, 5e4, 1e5, 2.5e5, 5e5, 1e6, 2e6, 5e6, 1e7, 3e7, 6e7];

  const D = JSON.parse(document.getElementById('journal-data').textContent);
  const M = D.src.length;
  const END = Math.max(D.end, 1);

  // ---- the journal, decoded: each message's send and receive, in time and in journal order ----
  const sendT = new Float64Array(M), recvT = new Float64Array(M).fill(-1);
  const sendE = new Int32Array(M), recvE = new Int32Array(M).fill(-1);
  const evMsg = new Int32Array(D.ev.length), evTime = new Float64Array(D.ev.length);
  {
    let sent = 0, t = 0;
    for (let e = 0; e < D.ev.length; e++) {
      t += D.dt[e];
      let m;
      if (D.ev[e] === 0) {          // the next message's send
        m = sent++;
        sendT[m] = t; sendE[m] = e;
      } else {                      // the receive of the message sent ev[e] sends ago
        m = sent - D.ev[e];
        recvT[m] = t; recvE[m] = e;
      }
      evMsg[e] = m; evTime[e] = t;
    }
  }
  const isClient = D.names.map(n => n.startsWith('c'));
  const isService = D.names.map(n => D.services.includes(n));

  // ---- state, read from and written to the URL's hash ----
  const state = {
    from: 0, len: firstLength(), shown: new Set(D.names), types: new Set(D.types),
    merge: isClient.filter(Boolean).length > 8, stubs: true, y: medianLatency() === 0 ? 'order' : 'time'
  };

  /** The first window's length: a second, or less when a second holds more messages than get labels. */
  function firstLength() {
    const fits = len => { let n = 0; for (let m = 0; m < M; m++) if (inWindow(m, 0, len)) n++; return n <= LABEL_LIMIT; };
    return Math.min(END, [1e6, 5e5, 2.5e5, 1e5, 5e4, 1e4].find(fits) || 1e4);
  }

  /** Without --latency most messages take no time, and by time their arrows would lie on top of each other. */
  function medianLatency() {
    const latencies = [];
    for (let m = 0; m < M; m++) if (recvT[m] >= 0) latencies.push(recvT[m] - sendT[m]);
    latencies.sort((a, b) => a - b);
    return latencies.length === 0 ? 0 : latencies[latencies.length >> 1];
  }

  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const seconds = key => {
      const v = parseFloat(params.get(key));
      return isFinite(v) && v >= 0 ? Math.round(v * 1e6) : null;
    };
    const len = seconds('len');
    if (len !== null && len > 0) state.len = len;
    const from = seconds('from');
    if (from !== null) state.from = from;
    const list = key => params.has(key) ? new Set(params.get(key).split(',').filter(s => s !== '')) : null;
    state.shown = list('nodes') || state.shown;
    state.types = list('types') || state.types;
    if (params.has('clients')) state.merge = params.get('clients') !== 'each';
    if (params.has('stubs')) state.stubs = params.get('stubs') !== '0';
    if (params.has('y')) state.y = params.get('y') === 'order' ? 'order' : 'time';
    clampWindow();
  }

  // Browsers limit how often a page may change its address, so a slider being dragged writes it once it rests.
  let writtenHash = null, hashTimer = null;
  function writeHashSoon() {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(writeHash, 300);
  }

  function writeHash() {
    const parts = ['from=' + +(state.from / 1e6).toFixed(6), 'len=' + +(state.len / 1e6).toFixed(6)];
    if (state.shown.size !== D.names.length) parts.push('nodes=' + D.names.filter(n => state.shown.has(n)).join(','));
    if (state.types.size !== D.types.length) parts.push('types=' + D.types.filter(n => state.types.has(n)).join(','));
    parts.push('clients=' + (state.merge ? 'merged' : 'each'), 'stubs=' + (state.stubs ? 1 : 0), 'y=' + state.y);
    writtenHash = '#' + parts.join('&');
    if (location.hash !== writtenHash) {
      try { location.replace(writtenHash); } catch (e) { /* a page that cannot change its URL still works */ }
    }
  }

  function clampWindow() {
    state.len = Math.max(100, Math.min(state.len, END));
    state.from = Math.max(0, Math.min(state.from, END - state.len));
  }

  // ---- formatting ----
  const esc = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const ms = us => (us / 1000).toFixed(3) + ' ms';
  function fullBody(m) {
    const rest = D.bodies[D.body[m]];
    return '{"type":' + JSON.stringify(D.types[D.type[m]]) + (rest === '{}' ? '}' : ',' + rest.slice(1));
  }
  function shortBody(m) {   // Maelstrom's label: the body without type, msg_id and in_reply_to
    const rest = D.bodies[D.body[m]].replace(/"(msg_id|in_reply_to)":(-?[\d.]+|null),?/g, '').replace(/,\}$/, '}');
    return rest === '{}' ? '' : rest;
  }
  function cut(text, chars) {
    return text.length <= chars ? text : text.slice(0, Math.max(0, chars - 1)) + '…';
  }

  // ---- which messages the window holds and shows ----
  function ends(m) { return recvT[m] >= 0 ? recvT[m] : sendT[m]; }
  function inWindow(m, from, to) { return sendT[m] < to && ends(m) >= from; }

  /** Whether a message is drawn: 2 an arrow (both ends shown), 1 a stub (one end shown), 0 not. */
  function showing(m) {
    if (!state.types.has(D.types[D.type[m]])) return 0;
    const a = state.shown.has(D.names[D.src[m]]), b = state.shown.has(D.names[D.dest[m]]);
    return a && b ? 2 : (a || b) && state.stubs ? 1 : 0;
  }

  /** Partitions in force at time t that drop messages from src to dest (names). */
  function cutBy(src, dest, t) {
    return D.partitions.find(p => p[0] <= t && (p[1] < 0 || t < p[1]) && (p[2][dest] || []).includes(src));
  }

  // ---- controls ----
  const $ = id => document.getElementById(id);

  function buildControls() {
    const groups = [['nodes', n => !isClient[n] && !isService[n]], ['clients', n => isClient[n]], ['services', n => isService[n]]];
    let html = '';
    for (const [title, member] of groups) {
      const names = D.names.filter((_, i) => member(i));
      if (names.length === 0) continue;
      html += '<div class="group"><b>' + title + '</b> <button data-pick="' + title + '" data-on="1">all</button>'
        + '<button data-pick="' + title + '" data-on="0">none</button> '
        + names.map(n => '<label><input type="checkbox" data-line="' + esc(n) + '">' + esc(n) + '</label>').join('') + '</div>';
    }
    $('lines').innerHTML = html;
    $('lines').addEventListener('change', e => {
      const name = e.target.dataset.line;
      if (e.target.checked) state.shown.add(name); else state.shown.delete(name);
      update();
    });
    $('lines').addEventListener('click', e => {
      const group = e.target.dataset.pick;
      if (!group) return;
      const member = groups.find(g => g[0] === group)[1];
      D.names.forEach((n, i) => { if (member(i)) { if (e.target.dataset.on === '1') state.shown.add(n); else state.shown.delete(n); } });
      update();
    });
    $('types').addEventListener('change', e => {
      const type = e.target.dataset.type;
      if (e.target.checked) state.types.add(type); else state.types.delete(type);
      update();
    });
    $('types').addEventListener('click', e => {
      if (e.target.dataset.allTypes === undefined) return;
      state.types = new Set(e.target.dataset.allTypes === '1' ? D.types : []);
      update();
    });
    $('prev').onclick = () => move(-1);
    $('next').onclick = () => move(1);
    $('zoom-in').onclick = () => zoom(0.5);
    $('zoom-out').onclick = () => zoom(2);
    $('slider').oninput = e => { state.from = +e.target.value; update(); };
    $('from').onchange = e => { state.from = Math.round(parseFloat(e.target.value) * 1e6) || 0; update(); };
    $('len').onchange = e => { state.len = +e.target.value; update(); };
    $('merge').onchange = e => { state.merge = e.target.checked; update(); };
    $('stubs').onchange = e => { state.stubs = e.target.checked; update(); };
    document.querySelectorAll('input[name=y]').forEach(r => { r.onchange = e => { state.y = e.target.value; update(); }; });
    document.addEventListener('keydown', e => {
      if (e.target.matches('input[type=number], select')) return;
      if (e.key === 'ArrowRight') move(1);
      else if (e.key === 'ArrowLeft') move(-1);
      else if (e.key === '+' || e.key === '=') zoom(0.5);
      else if (e.key === '-') zoom(2);
    });
    window.addEventListener('hashchange', () => { if (location.hash !== writtenHash) { readHash(); update(); } });
    $('diagram').addEventListener('click', e => {
      const g = e.target.closest('g.msg');
      if (g) $('detail').textContent = g.dataset.ms.split(',').slice(0, 20).map(m => describe(+m)).join('\n\n');
    });
  }

  function move(direction) { state.from += direction * state.len; update(); }
  function zoom(factor) { state.len = Math.round(state.len * factor); update(); }

  function syncControls(typeCounts) {
    const lengths = LENGTHS.filter(l => l < END).concat([END]);
    if (!lengths.includes(state.len)) lengths.push(state.len);
    lengths.sort((a, b) => a - b);
    $('len').innerHTML = lengths.map(l => '<option value="' + l + '"' + (l === state.len ? ' selected' : '') + '>'
      + (l === END ? 'whole run (' + (l / 1e6).toFixed(3) + ' s)' : l < 1e6 ? l / 1000 + ' ms' : l / 1e6 + ' s') + '</option>').join('');
    const slider = $('slider');
    slider.max = Math.max(0, END - state.len); slider.step = 1; slider.value = state.from;
    $('from').value = +(state.from / 1e6).toFixed(6);
    $('merge').checked = state.merge;
    $('stubs').checked = state.stubs;
    document.querySelectorAll('input[name=y]').forEach(r => { r.checked = r.value === state.y; });
    document.querySelectorAll('#lines input[data-line]').forEach(box => { box.checked = state.shown.has(box.dataset.line); });
    $('types').innerHTML = '<b>types</b> <button data-all-types="1">all</button><button data-all-types="0">none</button> '
      + D.types.map((t, i) => '<label><input type="checkbox" data-type="' + esc(t) + '"' + (state.types.has(t) ? ' checked' : '')
        + '>' + esc(t) + ' <span class="n">' + typeCounts[i] + '</span></label>').join('');
  }

  function describe(m) {
    const src = D.names[D.src[m]], dest = D.names[D.dest[m]];
    let when = 'sent ' + ms(sendT[m]) + ', ';
    if (recvT[m] >= 0) {
      when += 'received ' + ms(recvT[m]) + ' (' + ms(recvT[m] - sendT[m]) + ' later)';
    } else {
      const p = cutBy(src, dest, sendT[m]);
      when += 'never received: ' + (p ? 'sent while a partition cut ' + dest + ' off from ' + src
        : 'dropped by a partition, left in a closed client\'s queue, or still in flight when the run ended');
    }
    return src + ' \u2192 ' + dest + '  ' + D.types[D.type[m]] + '\n' + when + '\n' + fullBody(m);
  }

  // ---- drawing ----
  function cross(cx, cy) {
    return '<path class="cross" d="M' + (cx - 4) + ',' + (cy - 4) + ' l8,8 m0,-8 l-8,8"/>';
  }

  function update() {
    clampWindow();
    const from = state.from, to = from + state.len;

    // What the window holds, and what of it is shown.
    const typeCounts = new Array(D.types.length).fill(0);
    let inWin = 0, arrows = 0, oneEnd = 0, lost = 0;
    const drawn = [];
    for (let m = 0; m < M; m++) {
      if (!inWindow(m, from, to)) continue;
      inWin++;
      const a = state.shown.has(D.names[D.src[m]]), b = state.shown.has(D.names[D.dest[m]]);
      if (a || b) typeCounts[D.type[m]]++;
      const how = showing(m);
      if (how === 0) continue;
      if (how === 2) arrows++; else oneEnd++;
      if (recvT[m] < 0) lost++;
      if (drawn.length < MAX_DRAWN) drawn.push(m);
    }

    // The vertical lines: shown names in Maelstrom's order, clients on one line when merged.
    const columns = [], column = new Map();
    D.names.forEach((n, i) => {
      if (!state.shown.has(n)) return;
      const key = state.merge && isClient[i] ? 'clients' : n;
      if (!column.has(key)) { column.set(key, columns.length); columns.push(key); }
      column.set(n, column.get(key));
    });
    const width = Math.max(document.documentElement.clientWidth - 16, 600);
    const colW = Math.max(44, Math.floor((width - LEFT - RIGHT) / Math.max(1, columns.length)));
    const x = name => LEFT + (column.get(name) + 0.5) * colW;
    const svgW = LEFT + columns.length * colW + RIGHT;

    // Vertical positions: by time, or one row per event of a drawn message in journal order.
    let y, yTime, rows = 0;
    if (state.y === 'time') {
      y = t => TOP + (t - from) / state.len * WINDOW_PX;
      yTime = y;
    } else {
      const inRows = new Set(drawn);
      const rowTimes = [], rowOf = new Map();
      for (let e = 0; e < evTime.length; e++) {
        if (evTime[e] >= from && evTime[e] < to && inRows.has(evMsg[e])) { rowOf.set(e, rowTimes.length); rowTimes.push(evTime[e]); }
      }
      rows = rowTimes.length;
      y = (t, e) => rowOf.has(e) ? TOP + (rowOf.get(e) + 0.5) * ROW_PX : t < from ? TOP : TOP + rows * ROW_PX;
      yTime = t => { let lo = 0, hi = rows; while (lo < hi) { const mid = (lo + hi) >> 1; if (rowTimes[mid] < t) lo = mid + 1; else hi = mid; } return TOP + lo * ROW_PX; };
      y.rowTimes = rowTimes;
    }
    const height = state.y === 'time' ? WINDOW_PX : Math.max(rows, 1) * ROW_PX;
    const bottom = TOP + height;

    let svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + svgW + '" height="' + (bottom + BOTTOM) + '">'
      + '<defs>' + ['server', 'client', 'error'].map(k => '<marker id="head-' + k + '" class="' + k
        + '" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="10" refX="11" refY="5" orient="auto">'
        + '<path d="M0,0 L12,5 L0,10 z"/></marker>').join('') + '</defs>'
      + '<clipPath id="window"><rect x="0" y="' + TOP + '" width="' + svgW + '" height="' + height + '"/></clipPath>';

    // Partitions in force during the window, shaded.
    for (const p of D.partitions) {
      const a = Math.max(p[0], from), b = Math.min(p[1] < 0 ? END : p[1], to);
      if (a >= b) continue;
      const cuts = Object.entries(p[2]).filter(([, srcs]) => srcs.length > 0)
        .map(([dest, srcs]) => dest + ' drops ' + srcs.join(' ')).join('; ');
      svg += '<rect class="partition" x="' + LEFT + '" width="' + (svgW - LEFT - RIGHT) + '" y="' + yTime(a) + '" height="'
        + Math.max(2, yTime(b) - yTime(a)) + '"><title>partition from ' + ms(p[0]) + (p[1] < 0 ? ' to the end' : ' to ' + ms(p[1]))
        + ': ' + esc(cuts || 'cuts nothing') + '</title></rect>';
    }

    // Time axis.
    svg += '<g class="axis">';
    if (state.y === 'time') {
      const raw = state.len / 10, mag = Math.pow(10, Math.floor(Math.log10(raw)));
      const step = [1, 2, 5, 10].map(k => k * mag).find(s => s >= raw);
      const decimals = Math.max(0, -Math.floor(Math.log10(step / 1e6)));
      for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
        svg += '<line x1="' + (LEFT - 6) + '" x2="' + (svgW - RIGHT) + '" y1="' + y(t) + '" y2="' + y(t) + '"/>'
          + '<text x="' + (LEFT - 8) + '" y="' + (y(t) + 4) + '">' + (t / 1e6).toFixed(decimals) + ' s</text>';
      }
    } else {
      for (let r = 0; r < rows; r += 5) {
        svg += '<text x="' + (LEFT - 8) + '" y="' + (TOP + (r + 0.5) * ROW_PX + 4) + '">' + (y.rowTimes[r] / 1e6).toFixed(6) + ' s</text>';
      }
    }
    svg += '</g>';

    // Vertical lines and their names, above and below.
    svg += '<g class="lines">';
    columns.forEach((name, i) => {
      const cx = LEFT + (i + 0.5) * colW;
      svg += '<line x1="' + cx + '" x2="' + cx + '" y1="' + TOP + '" y2="' + bottom + '"/>'
        + '<text x="' + cx + '" y="' + (TOP - 12) + '">' + esc(name) + '</text><text x="' + cx + '" y="' + (bottom + 20) + '">' + esc(name) + '</text>';
    });
    svg += '</g><g clip-path="url(#window)">';

    // Messages between shown lines: an arrow from the send to the receive.
    const labels = drawn.length <= LABEL_LIMIT;
    const ticks = new Map();  // messages to or from hidden lines, by where they meet a shown line
    for (const m of drawn) {
      const src = D.names[D.src[m]], dest = D.names[D.dest[m]], type = D.types[D.type[m]];
      const kind = type === 'error' ? 'error' : isClient[D.src[m]] || isClient[D.dest[m]] ? 'client' : 'server';
      const received = recvT[m] >= 0;
      if (!state.shown.has(src) || !state.shown.has(dest)) {
        // A tick at the shown end: out at the send, in at the receive (or at the send, if never received).
        const out = state.shown.has(src);
        const at = out ? x(src) : x(dest);
        const ty = out || !received ? y(sendT[m], sendE[m]) : y(recvT[m], recvE[m]);
        const key = [at, Math.round(ty), out, kind, received].join('|');
        if (!ticks.has(key)) ticks.set(key, { at: at, y: ty, out: out, kind: kind, received: received, ms: [] });
        ticks.get(key).ms.push(m);
        continue;
      }
      const x0 = x(src), x1 = x(dest), y0 = y(sendT[m], sendE[m]), y1 = received ? y(recvT[m], recvE[m]) : y0 + 14;
      svg += '<g class="msg ' + kind + (received ? '' : ' lost') + '" data-ms="' + m + '"><title>' + esc(describe(m)) + '</title>';
      if (x0 === x1 && received) {  // a message to itself (or between two clients on the merged line)
        svg += '<path d="M' + x0 + ',' + y0 + ' C' + (x0 + 30) + ',' + y0 + ' ' + (x0 + 30) + ',' + y1 + ' ' + x0 + ',' + y1
          + '" marker-end="url(#head-' + kind + ')"/>';
      } else {
        svg += '<line x1="' + x0 + '" y1="' + y0 + '" x2="' + x1 + '" y2="' + y1 + '"' + (received ? ' marker-end="url(#head-' + kind + ')"' : '') + '/>';
      }
      if (!received) svg += cross(x1, y1);
      const length = Math.hypot(x1 - x0, y1 - y0);
      if (labels && length >= 50) {
        let angle = Math.atan2(y1 - y0, x1 - x0) * 180 / Math.PI;
        if (angle > 90 || angle < -90) angle += 180;  // keep text upright
        const text = cut(type + (received ? ' ' : ' (never received) ') + shortBody(m), Math.floor(length / 6));
        svg += '<text class="label" transform="translate(' + (x0 + x1) / 2 + ' ' + (y0 + y1) / 2 + ') rotate(' + angle + ')" y="-4">'
          + esc(text) + '</text>';
      }
      svg += '</g>';
    }
    // Messages to or from hidden lines: one short tick per point, naming the other end (or how many there are).
    const stacked = new Map();  // ticks already at a point and direction: the next goes below them
    for (const g of ticks.values()) {
      const point = [g.at, Math.round(g.y), g.out].join('|');
      stacked.set(point, (stacked.get(point) || 0) + 1);
      g.y += (stacked.get(point) - 1) * 10;
      const x0 = g.out ? g.at : g.at - STUB_PX, x1 = g.out ? g.at + STUB_PX : g.at;
      const others = g.ms.map(m => D.names[g.out ? D.dest[m] : D.src[m]]);
      const name = g.ms.length === 1 ? others[0] : g.ms.length + ' lines';
      svg += '<g class="msg stub ' + g.kind + (g.received ? '' : ' lost') + '" data-ms="' + g.ms.join(',') + '" data-count="' + g.ms.length
        + '"><title>' + esc(g.ms.slice(0, 20).map(describe).join('\n\n') + (g.ms.length > 20 ? '\n\n\u2026 and ' + (g.ms.length - 20) + ' more' : ''))
        + '</title><line x1="' + x0 + '" y1="' + g.y + '" x2="' + x1 + '" y2="' + g.y + '"'
        + (g.received ? ' marker-end="url(#head-' + g.kind + ')"' : '') + '/>' + (g.received ? '' : cross(x1, g.y))
        + '<text class="other" x="' + (g.out ? x1 + 3 : x0 - 3) + '" y="' + (g.y + 3) + '" text-anchor="' + (g.out ? 'start' : 'end') + '">'
        + esc(g.out ? '\u2192 ' + name : name + ' \u2192') + '</text></g>';
    }
    svg += '</g></svg>';
    $('diagram').innerHTML = svg;

    // Figures.
    const counts = $('counts');
    Object.assign(counts.dataset, { from: from, to: to, inWindow: inWin, arrows: arrows, stubs: oneEnd, neverReceived: lost, drawn: drawn.length });
    counts.textContent = 'Window ' + (from / 1e6).toFixed(3) + '\u2013' + (to / 1e6).toFixed(3) + ' s of ' + (END / 1e6).toFixed(3) + ' s: '
      + inWin + ' messages sent or received in it. Shown: ' + arrows + ' between shown lines, ' + oneEnd
      + ' to or from hidden lines, ' + lost + ' of them never received.'
      + (drawn.length < arrows + oneEnd ? ' Only the first ' + MAX_DRAWN + ' are drawn: shorten the window or hide lines or types.' : '')
      + (labels ? '' : ' Labels appear when at most ' + LABEL_LIMIT + ' messages are drawn; hover or click for a body.');
    syncControls(typeCounts);
    writeHashSoon();
  }

  buildControls();
  readHash();
  update();
})();
