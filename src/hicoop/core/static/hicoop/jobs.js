// Live progress of a job page: poll the jobs API until the job has finished.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") { return; }
  var url = box.dataset.jobUrl;
  function show(job) {
    document.getElementById("job-status").textContent = job.status_label;
    var bar = document.getElementById("job-progress");
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    document.getElementById("job-counts").textContent = job.total ? job.done + " / " + job.total : "";
    document.getElementById("job-message").textContent = job.message || "";
    if (job.result_url) {
      document.getElementById("job-result-link").href = job.result_url;
      document.getElementById("job-result").hidden = false;
    }
    if (job.error) {
      var error = document.getElementById("job-error");
      error.textContent = job.error;
      error.hidden = false;
    }
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        show(job);
        if (!job.finished) { window.setTimeout(poll, 1000); }
        else { box.dataset.finished = "1"; }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
