// Reads a chosen file into the import form's text area (a static file: the pages allow no inline script).
document.getElementById('import-file').addEventListener('change', function (event) {
  var file = event.target.files[0];
  if (!file) return;
  file.text().then(function (text) { document.getElementById('import-text').value = text; });
});
