// The Print button on an approved plan: hidden until JavaScript can use it (without JavaScript the
// browser's own Print still uses the plan's print stylesheet).
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.classList.remove('govuk-!-display-none');
  button.addEventListener('click', () => window.print());
}
