// A timeline that loads more posts as the reader scrolls, built from real post markup: the saved Telegram channel
// page (17 real messages) with a small page script (ours, in our own test route) that clones its messages with new
// ids, a few at a time, whenever the reader nears the bottom. Served under the channel's real URL.
import { readFileSync } from 'node:fs';
import { fixturePage } from '../fixtures';
import { stripScripts, type Route } from './fixture-server';

const CHANNEL = 'ClashReport';
const FIRST_ID = 900_000;

export function timelineUrl(total: number): string {
  return `https://t.me/s/${CHANNEL}?timeline=${total}`;
}

/** The post ids the timeline shows, in order. */
export function timelinePostIds(total: number): string[] {
  return Array.from({ length: total }, (_, i) => String(FIRST_ID + i));
}

/** Runs in the page (a string: test tooling must not rewrite it): appends clones of the real messages on scroll. */
const TIMELINE_SCRIPT = `
(function (total, step, channel, firstId) {
  var history = document.querySelector('.tgme_channel_history');
  var templates = Array.prototype.slice.call(history.querySelectorAll('.tgme_widget_message_wrap'));
  templates.forEach(function (wrap) { wrap.remove(); });
  var shown = 0;
  function append(count) {
    for (var i = 0; i < count && shown < total; i++, shown++) {
      var wrap = templates[shown % templates.length].cloneNode(true);
      var id = String(firstId + shown);
      wrap.querySelector('[data-post]').setAttribute('data-post', channel + '/' + id);
      wrap.querySelectorAll('a.tgme_widget_message_date').forEach(function (a) { a.setAttribute('href', 'https://t.me/' + channel + '/' + id); });
      history.append(wrap);
    }
    document.body.dataset.timelineShown = String(shown);
  }
  append(step);
  // Like the real site: more posts once the reader nears the bottom, after a short load.
  var loading = false;
  addEventListener('scroll', function () {
    if (loading || shown >= total || scrollY + innerHeight < document.documentElement.scrollHeight - innerHeight) return;
    loading = true;
    setTimeout(function () { append(step); loading = false; }, 150);
  }, { passive: true });
})`;

export function timelineRoute(total: number, step = 6): Route {
  const source = stripScripts(readFileSync(fixturePage('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html'), 'utf8'));
  const script = `<script>${TIMELINE_SCRIPT}(${total}, ${step}, ${JSON.stringify(CHANNEL)}, ${FIRST_ID});</script>`;
  const html = source.replace(/<\/body>/i, `${script}</body>`);
  return {
    host: 't.me',
    path: new RegExp(`^/s/${CHANNEL}\\?timeline=${total}$`),
    respond: { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html },
  };
}
