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
    // In the page's language ("2 minutes", "دقيقتان"): the browser's own plural rules and words.
    const lang = document.documentElement.lang || 'en';
    const unit = (unit, n) => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
    countdown.textContent = seconds >= 60 ? unit('minute', Math.ceil(seconds / 60)) : unit('second', seconds);
    countdown.setAttribute('aria-live', seconds % 20 === 0 ? 'polite' : 'off');
  };
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tick);
    endsAt = Date.now() + minutes * 60 * 1000;
    warnTimer = setTimeout(
      () => {
        dialog.showModal();
        showCountdown();
        tick = setInterval(showCountdown, 1000);
      },
      Math.max(0, minutes * 60 * 1000 - warnBeforeMs),
    );
    endTimer = setTimeout(
      () => {
        window.location.href = `/sign-in?timeout=1&next=${encodeURIComponent(window.location.pathname)}`;
      },
      minutes * 60 * 1000,
    );
  };
  const csrf = dialog.querySelector('input[name="_csrf"]').value;
  let lastContact = Date.now();
  // Every request the server answers slides the session on (services/authentication.ts), so the
  // warning starts again from then: an autosave counts as much as the button.
  const seen = () => {
    lastContact = Date.now();
    if (dialog.open) dialog.close();
    schedule();
  };
  const keepAlive = () =>
    fetch('/session/keep-alive', {
      method: 'POST',
      headers: { 'x-csrf-token': csrf, accept: 'application/json' },
      credentials: 'same-origin',
    });
  const staySignedIn = async () => {
    const response = await keepAlive();
    if (response.ok) seen();
    else window.location.href = '/sign-in?timeout=1';
  };
  // Activity only: a refusal or no connection changes nothing here (the timers still run).
  const stillHere = () => {
    lastContact = Date.now();
    keepAlive().then(
      (response) => response.ok && seen(),
      () => {},
    );
  };
  dialog.querySelector('[data-module="app-stay-signed-in"]').addEventListener('click', staySignedIn);
  // Escape closes a dialog: here it means "stay signed in", and does it.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    staySignedIn();
  });
  dialog.addEventListener('close', () => clearInterval(tick));
  document.addEventListener('app:server-seen', seen);
  // Typing or moving through the page is activity too: at most every 5 minutes it tells the server.
  const activity = () => {
    if (!dialog.open && Date.now() - lastContact > 5 * 60 * 1000) stillHere();
  };
  for (const type of ['input', 'keydown', 'pointerdown']) document.addEventListener(type, activity, { passive: true });
  schedule();
}

// Drafts kept on this device belong to the person signed in: a phone or a library computer may be
// shared. Each is stored as pathway-draft:<owner>:<page>, where <owner> is an opaque value the
// server puts on the page for the signed-in person. Whenever someone is signed in, drafts of
// anyone else are removed; signing out removes that person's (on the button, and again on the
// signed-out page, in case the button's script did not run).
const DRAFT = 'pathway-draft:';
const draftOwner = document.body.dataset.draftOwner;
const removeDrafts = (keep) => {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (key?.startsWith(DRAFT) && !keep(key.slice(DRAFT.length).split(':')[0])) localStorage.removeItem(key);
  }
};
try {
  if (draftOwner) removeDrafts((owner) => owner === draftOwner);
  else if ('clearDrafts' in document.body.dataset) removeDrafts(() => false);
  for (const signOut of document.querySelectorAll('form[action="/sign-out"]')) {
    signOut.addEventListener('submit', () => removeDrafts(() => false));
  }
} catch {
  // Storage switched off or full: there are no drafts on this device to look after.
}

// Drafts save as people type. Every form marked data-module="app-autosave" keeps a copy of what
// was typed in this browser (so a lost connection or a timed-out session loses nothing) and, when
// the answers are valid, saves them to the server with the section's revision, so two people never
// silently overwrite each other.
for (const form of document.querySelectorAll('form[data-module="app-autosave"]')) {
  if (!draftOwner) break;
  const key = `${DRAFT}${draftOwner}:${window.location.pathname}`;
  // A young person's page gives its words in their language (data-text-* from the locale files); staff read English.
  const say = (name, english) => form.dataset[name] || english;
  const status = document.createElement('p');
  status.className = 'govuk-body-s app-autosave-status';
  status.setAttribute('role', 'status');
  form.prepend(status);
  // Hidden fields (token, revision, row counts, ids) are the page's, not the writer's: not kept.
  const fields = () => [...form.elements].filter((el) => el.name && el.type !== 'hidden' && el.type !== 'submit');
  const checkable = (el) => el.type === 'checkbox' || el.type === 'radio';
  const keyOf = (el) => el.name + (checkable(el) ? `=${el.value}` : '');
  const snapshot = () => Object.fromEntries(fields().map((el) => [keyOf(el), checkable(el) ? el.checked : el.value]));
  const restore = (values) => {
    for (const el of fields()) {
      const k = keyOf(el);
      if (!(k in values)) continue;
      if (checkable(el)) el.checked = values[k];
      else el.value = values[k];
    }
  };
  const saved = localStorage.getItem(key);
  if (saved) {
    const draft = JSON.parse(saved);
    // Only words that differ from what is on the page now are offered back: a blank row the server
    // added to the form after an error is not a difference.
    const now = snapshot();
    const differs = Object.keys(draft.values).filter((k) => k in now && now[k] !== draft.values[k]);
    if (draft.revision === form.elements.revision?.value && differs.length) {
      const offer = document.createElement('div');
      offer.className = 'govuk-inset-text';
      const offerWords = document.createElement('p');
      offerWords.className = 'govuk-body';
      offerWords.textContent = say('textOffer', 'You have unsaved writing from earlier on this device.');
      offer.append(offerWords);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0';
      button.textContent = say('textPutBack', 'Put back what I wrote');
      button.addEventListener('click', () => {
        restore(draft.values);
        offer.remove();
        // Focus goes to the first field put back, and the status line (role="status") says so.
        const first = fields().find((el) => differs.includes(keyOf(el)));
        first?.focus();
        status.textContent = say('textRestored', 'What you wrote is back in the form. It is not saved yet.');
      });
      offer.append(button);
      form.prepend(offer);
    }
  }
  let timer;
  let stopped = false;
  let inFlight = null;
  const save = () => {
    inFlight = send().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
  const send = async () => {
    if (stopped) return;
    const body = new URLSearchParams(new FormData(form));
    try {
      const response = await fetch(form.action || window.location.pathname, {
        method: 'POST',
        body,
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (response.ok) {
        const result = await response.json();
        form.elements.revision.value = String(result.revision);
        localStorage.removeItem(key);
        document.dispatchEvent(new Event('app:server-seen'));
        // A save that took a signed plan back to being written says so (routes/reviews.ts, autosaveNotice).
        const lang = document.documentElement.lang;
        const time = new Date().toLocaleTimeString(!lang || lang === 'en' ? 'en-GB' : lang, {
          hour: '2-digit',
          minute: '2-digit',
        });
        const saved = say('textSaved', 'Saved at {time}.').replace('{time}', time);
        status.textContent = `${saved}${result.notice ? ` ${result.notice}` : ''}`;
      } else if (response.status === 409) {
        stopped = true;
        status.textContent = say(
          'textConflict',
          'Someone else saved this part. Press Save to see both versions: your writing is kept on this device.',
        );
      } else if (response.status === 422) {
        status.textContent = say(
          'textCheck',
          'Not saved yet: some answers need checking. Your writing is kept on this device.',
        );
      } else {
        status.textContent = say(
          'textSignedOut',
          'Not saved: you may be signed out. Your writing is kept on this device.',
        );
      }
    } catch {
      status.textContent = say(
        'textOffline',
        'No connection. Your writing is kept on this device and will save when you press save.',
      );
    }
  };
  form.addEventListener('input', () => {
    localStorage.setItem(key, JSON.stringify({ revision: form.elements.revision?.value, values: snapshot() }));
    clearTimeout(timer);
    timer = setTimeout(save, 2500);
  });
  // Pressing save while an autosave is on its way: wait for it (it moves the revision on), then
  // submit, so people never conflict with their own autosave.
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    if (inFlight) {
      event.preventDefault();
      inFlight.then(() => {
        stopped = true;
        form.submit();
      });
      return;
    }
    stopped = true;
  });
}
