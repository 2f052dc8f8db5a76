// The status page: polls api/v1/stats (relative, so the page works under any context root) and keeps the last
// minutes in memory for the two charts. No libraries: the WAR serves everything the page needs.
'use strict';

const POLL_MILLIS = 2000;
const HISTORY_POINTS = 300; // ten minutes at one point every two seconds
const history = { peers: [], http: [], udp: [] };

const byId = (id) => document.getElementById(id);
const integer = new Intl.NumberFormat('en');
const rate = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

function remember(series, value) {
  series.push(value);
  if (series.length > HISTORY_POINTS) {
    series.shift();
  }
}

/** Draws each series as a line scaled to the largest value shown; a missing value (null) breaks the line. */
function draw(canvas, seriesList) {
  const context = canvas.getContext('2d');
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  const values = seriesList.flatMap((s) => s.points).filter((v) => v !== null);
  const top = Math.max(1, ...values);
  for (const { points, colour } of seriesList) {
    context.strokeStyle = colour;
    context.lineWidth = 2;
    context.beginPath();
    let drawing = false;
    points.forEach((value, i) => {
      if (value === null) {
        drawing = false;
        return;
      }
      // The newest point at the right edge, older ones leftwards, as the history fills.
      const x = width - ((points.length - 1 - i) / (HISTORY_POINTS - 1)) * width;
      const y = height - 2 - (value / top) * (height - 4);
      if (drawing) {
        context.lineTo(x, y);
      } else {
        context.moveTo(x, y);
        drawing = true;
      }
    });
    context.stroke();
  }
}

function showTopTorrents(torrents) {
  const body = byId('top-torrents');
  body.replaceChildren(...torrents.map((t) => {
    const row = document.createElement('tr');
    const cells = [
      [t.infoHash, 'hash'],
      [t.name ?? '', ''],
      [integer.format(t.seeders), 'num'],
      [integer.format(t.leechers), 'num'],
      [integer.format(t.downloaded), 'num'],
    ];
    for (const [text, kind] of cells) {
      const cell = document.createElement('td');
      cell.textContent = text; // never innerHTML: names come from operators' lists
      if (kind) {
        cell.className = kind;
      }
      row.append(cell);
    }
    return row;
  }));
}

function show(stats) {
  byId('swarms').textContent = integer.format(stats.swarms);
  byId('seeders').textContent = integer.format(stats.seeders);
  byId('leechers').textContent = integer.format(stats.leechers);
  const udp = stats.announcesPerSecond.udp;
  byId('rate-http').textContent = rate.format(stats.announcesPerSecond.http);
  byId('rate-udp').textContent = udp === null ? 'no sidecar' : rate.format(udp);
  remember(history.peers, stats.seeders + stats.leechers);
  remember(history.http, stats.announcesPerSecond.http);
  remember(history.udp, udp);
  draw(byId('chart-peers'), [{ points: history.peers, colour: '#2e7d32' }]);
  draw(byId('chart-rates'), [
    { points: history.http, colour: '#1f6feb' },
    { points: history.udp, colour: '#d1741f' },
  ]);
  showTopTorrents(stats.topTorrents);
  const state = byId('state');
  state.className = 'state';
  state.textContent = 'updated ' + new Date(stats.generatedAt).toLocaleTimeString();
}

async function poll() {
  try {
    const response = await fetch('api/v1/stats', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(response.status === 404 ? 'statistics are not public on this tracker'
        : 'statistics unavailable (HTTP ' + response.status + ')');
    }
    show(await response.json());
  } catch (e) {
    const state = byId('state');
    state.className = 'state error';
    state.textContent = e.message;
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

byId('announce-url').textContent = new URL('announce', document.baseURI).href;
poll();
