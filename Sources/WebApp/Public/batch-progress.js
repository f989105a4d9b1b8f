// Follows a running batch on its page: reads its progress every second and moves the bar; reloads the page once the
// batch has finished or stopped, or when the progress cannot be read (a static file: the pages allow no inline script).
(function () {
  var bar = document.getElementById('batch-progress');
  if (!bar || !bar.dataset.api) return;
  var label = document.getElementById('batch-count');
  function tick() {
    fetch(bar.dataset.api, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (batch) {
      bar.value = batch.issued;
      if (label) label.textContent = batch.issued;
      if (batch.state === 'running' && !batch.last_error) setTimeout(tick, 1000); else window.location.reload();
    }).catch(function () { setTimeout(function () { window.location.reload(); }, 3000); });
  }
  setTimeout(tick, 1000);
})();
