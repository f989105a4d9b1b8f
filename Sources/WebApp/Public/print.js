// Buttons marked data-print print the page (a static file: the pages allow no inline script).
document.querySelectorAll('button[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
