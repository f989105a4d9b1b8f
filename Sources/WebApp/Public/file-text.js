// Reads a chosen file into a text area: each <input type="file" data-fills="ID"> fills the text area with that id
// (a static file: the pages allow no inline script).
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) return;
    file.text().then(function (text) { document.getElementById(input.dataset.fills).value = text; });
  });
});

// Reads a chosen file as base64 into a hidden field: <input type="file" data-fills-base64="ID" data-name-into="ID2">
// fills the field ID with the file's bytes (base64) and ID2 with its name (scanned documents for a recognition case).
document.querySelectorAll('input[type=file][data-fills-base64]').forEach(function (input) {
  input.addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var url = String(reader.result);
      document.getElementById(input.dataset.fillsBase64).value = url.slice(url.indexOf(',') + 1);
      if (input.dataset.nameInto) document.getElementById(input.dataset.nameInto).value = file.name;
    };
    reader.readAsDataURL(file);
  });
});
