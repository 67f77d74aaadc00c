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
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(0, minutes * 60 * 1000 - warnBeforeMs));
    endTimer = setTimeout(() => {
      window.location.href = '/sign-in?timeout=1&next=' + encodeURIComponent(window.location.pathname);
    }, minutes * 60 * 1000);
  };
  const csrf = dialog.querySelector('input[name="_csrf"]').value;
  dialog.querySelector('[data-module="app-stay-signed-in"]').addEventListener('click', async () => {
    const response = await fetch('/session/keep-alive', { method: 'POST', headers: { 'x-csrf-token': csrf, accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) {
      dialog.close();
      schedule();
    } else {
      window.location.href = '/sign-in?timeout=1';
    }
  });
  schedule();
}
