// Searchable pickers (core.widgets.Picker): htmx fetches the matching options into the result
// list; ticking one moves it to the chosen ones (a single picker keeps only the last), clears the
// search box and the list. Unticking a chosen one removes it. Enter picks the only match.
(function () {
  "use strict";
  function pickerOf(el) { return el.closest ? el.closest("[data-picker]") : null; }
  function clearSearch(picker) {
    var search = picker.querySelector(".picker-search");
    search.value = "";
    picker.querySelector(".picker-results").innerHTML = "";
    search.focus();
  }
  function choose(picker, option) {
    var chosen = picker.querySelector("[data-picker-chosen]");
    if (picker.dataset.multiple !== "1") { chosen.innerHTML = ""; }
    option.className = "picker-chip";
    chosen.appendChild(option);
    clearSearch(picker);
  }
  function chosenValues(picker) {
    var values = {};
    picker.querySelectorAll(".picker-chip input").forEach(function (box) { values[box.value] = true; });
    return values;
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    var picker = pickerOf(event.target);
    if (!picker) { return; }
    var chosen = chosenValues(picker);
    picker.querySelectorAll(".picker-option input").forEach(function (box) {
      if (chosen[box.value]) { box.closest("li").remove(); }
    });
  });
  document.addEventListener("change", function (event) {
    var box = event.target;
    var picker = pickerOf(box);
    if (!picker || box.type !== "checkbox") { return; }
    var label = box.closest("label");
    if (box.checked && label.classList.contains("picker-option")) { choose(picker, label); }
    else if (!box.checked && label.classList.contains("picker-chip")) { label.remove(); }
  });
  document.addEventListener("keydown", function (event) {
    var search = event.target;
    if (event.key !== "Enter" || !search.classList || !search.classList.contains("picker-search")) { return; }
    event.preventDefault();
    var options = pickerOf(search).querySelectorAll(".picker-option input");
    if (options.length === 1) { options[0].click(); }
  });
})();
