// Progressive enhancement only: every page works without this file.
import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();

// The service worker (public/sw.js) keeps the static files so pages open fast on a poor connection,
// and shows the offline page when a page cannot be fetched. It never keeps a page with anyone's details.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

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

// The words about writing kept on this device, in the page's language (layout.njk, src/locales/*/device.json).
const words = JSON.parse(document.getElementById('app-words')?.dataset.words ?? '{}');

// A form's own fields, as a person fills them in. Hidden fields (token, revision, row counts, ids) are
// the page's, not the writer's: not kept.
const fieldsOf = (form) => [...form.elements].filter((el) => el.name && el.type !== 'hidden' && el.type !== 'submit');
const checkable = (el) => el.type === 'checkbox' || el.type === 'radio';
const keyOf = (el) => el.name + (checkable(el) ? `=${el.value}` : '');
const snapshotOf = (form) =>
  Object.fromEntries(fieldsOf(form).map((el) => [keyOf(el), checkable(el) ? el.checked : el.value]));
const restoreInto = (form, values) => {
  for (const el of fieldsOf(form)) {
    const k = keyOf(el);
    if (!(k in values)) continue;
    if (checkable(el)) el.checked = values[k];
    else el.value = values[k];
  }
};

/**
 * Offers writing kept on this device back, at the top of its form, when it differs from what the page
 * holds now (a blank row the server added after an error is not a difference). `said` tells them.
 */
const offerBack = (form, values, said) => {
  const now = snapshotOf(form);
  const differs = Object.keys(values).filter((k) => k in now && now[k] !== values[k]);
  if (!differs.length) return;
  const offer = document.createElement('div');
  offer.className = 'govuk-inset-text';
  const text = document.createElement('p');
  text.className = 'govuk-body';
  text.textContent = words.earlier;
  offer.append(text);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0';
  button.textContent = words.putBack;
  button.addEventListener('click', () => {
    restoreInto(form, values);
    offer.remove();
    // Focus goes to the first field put back, and a status line (role="status") says so.
    fieldsOf(form)
      .find((el) => differs.includes(keyOf(el)))
      ?.focus();
    said(words.putBackDone);
  });
  offer.append(button);
  form.prepend(offer);
};

/** A message beside the button pressed with no connection, to be seen (a status line is heard). */
const noticeBefore = (form, button) => {
  const notice = document.createElement('div');
  notice.className = 'govuk-inset-text app-offline-notice';
  if (button) button.before(notice);
  else form.append(notice);
  return notice;
};

// Drafts save as people type. Every form marked data-module="app-autosave" keeps a copy of what
// was typed in this browser (so a lost connection or a timed-out session loses nothing) and, when
// the answers are valid, saves them to the server with the section's revision, so two people never
// silently overwrite each other.
for (const form of document.querySelectorAll('form[data-module="app-autosave"]')) {
  if (!draftOwner) break;
  const key = `${DRAFT}${draftOwner}:${window.location.pathname}`;
  const status = document.createElement('p');
  status.className = 'govuk-body-s app-autosave-status';
  status.setAttribute('role', 'status');
  form.prepend(status);
  const saved = localStorage.getItem(key);
  if (saved) {
    const draft = JSON.parse(saved);
    if (draft.revision === form.elements.revision?.value) offerBack(form, draft.values, (text) => say(text));
  }
  // Said in the status line, and beside the Save button too once someone pressed it with no connection.
  let notice = null;
  const say = (text) => {
    status.textContent = text;
    if (notice) notice.textContent = text;
  };
  let timer;
  let stopped = false;
  // Whether what is in the form has not reached the server yet (sent again when the connection is back).
  let unsent = false;
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
        unsent = false;
        document.dispatchEvent(new Event('app:server-seen'));
        // A save that took a signed plan back to being written says so (routes/reviews.ts, autosaveNotice).
        const lang = document.documentElement.lang || 'en';
        const time = new Date().toLocaleTimeString(lang === 'en' ? 'en-GB' : lang, {
          hour: '2-digit',
          minute: '2-digit',
        });
        say(`${words.savedAt.replace('{{time}}', time)}${result.notice ? ` ${result.notice}` : ''}`);
      } else if (response.status === 409) {
        stopped = true;
        say(words.conflict);
      } else if (response.status === 422) {
        say(words.needsChecking);
      } else {
        say(words.signedOut);
      }
    } catch {
      say(words.offline);
    }
  };
  const keep = () =>
    localStorage.setItem(key, JSON.stringify({ revision: form.elements.revision?.value, values: snapshotOf(form) }));
  form.addEventListener('input', () => {
    keep();
    unsent = true;
    clearTimeout(timer);
    timer = setTimeout(save, 2500);
  });
  // Pressing save while an autosave is on its way: wait for it (it moves the revision on), then
  // submit, so people never conflict with their own autosave.
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    // No connection: the page stays, the words stay in the form and on this device (for this person
    // only), and they are sent when the connection comes back.
    if (!navigator.onLine) {
      event.preventDefault();
      keep();
      unsent = true;
      notice ??= noticeBefore(form, event.submitter);
      say(words.offline);
      return;
    }
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
  // Back online: what was kept is sent with this page's form token, so it goes to the person signed in
  // here or nowhere (the server refuses a token from another person's session, and the words stay kept).
  window.addEventListener('online', () => {
    if (!unsent || stopped) return;
    say(words.sending);
    save();
  });
}

// A check-in sent with no connection (issue 12 §7) is kept on this device for the person signed in,
// and sent when the connection is back. Whoever said they do not feel safe sees at once what to do
// now: the page that says it cannot be opened with no connection.
const checkIn = document.querySelector('form[data-check-in]');
if (checkIn && draftOwner) {
  const key = `${DRAFT}${draftOwner}:${checkIn.getAttribute('action')}`;
  const status = document.createElement('p');
  status.className = 'govuk-visually-hidden';
  status.setAttribute('role', 'status');
  checkIn.prepend(status);
  let notice = null;
  const say = (text, extra = []) => {
    status.textContent = [text, ...extra].join(' ');
    if (!notice) return;
    notice.replaceChildren(
      ...[text, ...extra].map((line) =>
        Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: line }),
      ),
    );
  };
  const kept = localStorage.getItem(key);
  if (kept) offerBack(checkIn, JSON.parse(kept), (text) => say(text));
  // Sent as the form would send it: a check-in that went through lands on the page that thanks them,
  // and only then is the copy on this device removed.
  let waiting = false;
  const sendWhenOnline = () => {
    if (!waiting) window.addEventListener('online', send, { once: true });
    waiting = true;
  };
  const send = async () => {
    waiting = false;
    say(words.sending);
    try {
      const response = await fetch(checkIn.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(checkIn)),
        credentials: 'same-origin',
      });
      const landed = new URL(response.url).pathname;
      if (response.ok && response.redirected && ['/check-ins', '/not-safe'].includes(landed)) {
        localStorage.removeItem(key);
        window.location.assign(response.url);
      } else say([401, 403].includes(response.status) ? words.signedOut : words.needsChecking);
    } catch {
      say(words.checkInOffline);
      sendWhenOnline();
    }
  };
  checkIn.addEventListener('submit', (event) => {
    if (navigator.onLine) return;
    event.preventDefault();
    localStorage.setItem(key, JSON.stringify(snapshotOf(checkIn)));
    notice ??= noticeBefore(checkIn, event.submitter);
    const notSafe = checkIn.elements.notSafe?.checked;
    say(words.checkInOffline, notSafe ? [words.emergency, words.samaritans] : []);
    sendWhenOnline();
  });
}

// Easy read (issue 12 §6, src/http/easy-read.ts): a "Read this aloud" button beside the page's main text and
// each question (marked data-read-aloud), spoken by the browser in the page's language. Only in easy read (the
// layout gives the words then), and only where the browser can speak; pressed again, it stops.
if (words.readAloud && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function') {
  const speech = window.speechSynthesis;
  let speaking = null;
  const reset = (button) => {
    button.textContent = words.readAloud;
    if (speaking === button) speaking = null;
  };
  // The words a person reads there: the label or legend, hint and answers' labels, not what they typed.
  const textOf = (el) => {
    const copy = el.cloneNode(true);
    for (const skip of copy.querySelectorAll('input, textarea, select, button, svg, img, script, style')) skip.remove();
    return copy.textContent.replace(/\s+/g, ' ').trim();
  };
  for (const el of document.querySelectorAll('[data-read-aloud]')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'govuk-button govuk-button--secondary app-read-aloud';
    reset(button);
    button.addEventListener('click', () => {
      const wasThis = speaking === button;
      speech.cancel();
      if (speaking) reset(speaking);
      if (wasThis) return;
      const utterance = new SpeechSynthesisUtterance(textOf(el));
      utterance.lang = document.documentElement.lang || 'en';
      utterance.addEventListener('end', () => reset(button));
      utterance.addEventListener('error', () => reset(button));
      speaking = button;
      button.textContent = words.stopReading;
      speech.speak(utterance);
    });
    // Beside its question: after the label or legend; after the text itself for a paragraph.
    const label = el.querySelector(':scope > label, :scope > fieldset > legend');
    if (label) label.after(button);
    else el.after(button);
  }
}
