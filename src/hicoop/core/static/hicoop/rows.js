// Formset rows ([data-rows]): the "Add a row" button appends a copy of the empty row from the
// <template>, numbered after the last one, and raises the management form's TOTAL_FORMS.
// Without scripts the button stays hidden and the empty extra rows serve to add rows.
(function () {
  "use strict";
  document.querySelectorAll("[data-rows]").forEach(function (set) {
    var prefix = set.dataset.prefix;
    var total = set.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = set.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var button = set.querySelector("[data-rows-add]");
    var template = set.querySelector("template[data-rows-template]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var n = parseInt(total.value, 10);
      if (max && n >= parseInt(max.value, 10)) { return; }
      var html = template.innerHTML.replace(/__prefix__/g, String(n));
      set.querySelector("[data-rows-body]").insertAdjacentHTML("beforeend", html);
      total.value = String(n + 1);
      var row = set.querySelector("[data-rows-body]").lastElementChild;
      var first = row.querySelector("input[type=text]");
      if (first) { first.focus(); }
    });
  });
})();
