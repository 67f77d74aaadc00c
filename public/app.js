// Progressive enhancement only: every page works without this file.
import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();

// GOV.UK timeout warning: two minutes before the idle timeout, offer to stay signed in.
const minutes = Number(document.body.dataset.sessionTimeoutMinutes);
const dialog = document.getElementById('timeout-warning');
if (minutes > 0 && dialog && typeof dialog.showModal === 'function') {
  const warnBeforeMs = 2 * 60 * 1000;
  let warnTimer;
  let endTimer;
  const countdown = dialog.querySelector('.app-timeout-countdown');
  let tick;
  let endsAt = 0;
  // Update the time left each second; screen readers hear it at most every 20 seconds.
  const showCountdown = () => {
    const seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    const text = seconds >= 60 ? `${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}` : `${seconds} second${seconds === 1 ? '' : 's'}`;
    countdown.textContent = text;
    countdown.setAttribute('aria-live', seconds % 20 === 0 ? 'polite' : 'off');
  };
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tick);
    endsAt = Date.now() + minutes * 60 * 1000;
    warnTimer = setTimeout(() => {
      dialog.showModal();
      showCountdown();
      tick = setInterval(showCountdown, 1000);
    }, Math.max(0, minutes * 60 * 1000 - warnBeforeMs));
    endTimer = setTimeout(() => {
      window.location.href = '/sign-in?timeout=1&next=' + encodeURIComponent(window.location.pathname);
    }, minutes * 60 * 1000);
  };
  const csrf = dialog.querySelector('input[name="_csrf"]').value;
  dialog.querySelector('[data-module="app-stay-signed-in"]').addEventListener('click', async () => {
    const response = await fetch('/session/keep-alive', { method: 'POST', headers: { 'x-csrf-token': csrf, accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) {
      clearInterval(tick);
      dialog.close();
      schedule();
    } else {
      window.location.href = '/sign-in?timeout=1';
    }
  });
  schedule();
}
