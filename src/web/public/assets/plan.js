/* global document, window, HTMLInputElement, HTMLElement */
// "Plan my treatment": small enhancements on top of pages that work without script.
// Tapping a zone on the map ticks its checkbox; the print button prints; an error
// summary takes focus so screen readers announce it.
document.documentElement.classList.add('js');

for (const zone of document.querySelectorAll('.map [data-area]')) {
  zone.addEventListener('click', () => {
    const box = document.getElementById(`area-${zone.getAttribute('data-area')}`);
    if (box instanceof HTMLInputElement) {
      box.checked = !box.checked;
      box.focus({ preventScroll: true });
    }
  });
}

for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

const summary = document.querySelector('.error-summary');
if (summary instanceof HTMLElement) summary.focus();
