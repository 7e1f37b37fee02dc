(function () {
  "use strict";
  function show(input, label) {
    var names = [];
    for (var i = 0; i < input.files.length; i++) { names.push(input.files[i].name); }
    label.textContent = names.length ? "已选择 " + names.length + " 个文件：\n" + names.join("\n") : "";
  }
  document.querySelectorAll("[data-drop]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var label = zone.querySelector("[data-chosen]");
    input.addEventListener("change", function () { show(input, label); });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files.length) { return; }
      if (input.multiple) {
        input.files = e.dataTransfer.files;
      } else {
        var one = new DataTransfer();
        one.items.add(e.dataTransfer.files[0]);
        input.files = one.files;
      }
      show(input, label);
    });
  });
  document.querySelectorAll("form.job").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      var busy = form.querySelector("[data-busy]");
      if (button) { button.disabled = true; }
      if (busy) { busy.hidden = false; }
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.job button[type=submit]").forEach(function (b) { b.disabled = false; });
    document.querySelectorAll("[data-busy]").forEach(function (b) { b.hidden = true; });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
