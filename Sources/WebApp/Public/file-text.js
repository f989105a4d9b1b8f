// Reads a chosen file into a text area: each <input type="file" data-fills="ID"> fills the text area with that id
// (a static file: the pages allow no inline script).
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) return;
    file.text().then(function (text) { document.getElementById(input.dataset.fills).value = text; });
  });
});
