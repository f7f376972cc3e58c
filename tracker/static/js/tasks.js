// Task pages: the quick update, the inline updates of boards, the filter bar, uploads.
// Kept out of the pages so that the Content-Security-Policy can forbid inline script.
(() => {
  "use strict";
  const FINISHED = ["submitted", "done"];

  // A range slider and its number box move together.
  function linkProgress(range) {
    const box = document.getElementById(range.dataset.target);
    if (!box) return;
    range.addEventListener("input", () => { box.value = range.value; });
    box.addEventListener("input", () => {
      const value = parseInt(box.value, 10);
      if (!Number.isNaN(value)) range.value = Math.max(0, Math.min(100, value));
    });
  }

  // The full quick update on the task page.
  function quickForm(form) {
    const status = form.querySelector("select[name=status]");
    const progress = form.querySelector("input[name=progress]");
    const range = form.querySelector(".js-progress-range");
    const result = form.querySelector("textarea[name=result]");
    const completed = form.querySelector(".js-completed-field");
    const sync = () => {
      const finishing = status && FINISHED.includes(status.value);
      if (result) result.classList.toggle("border-success", Boolean(finishing));
      // The completion day matters only when the work is reported finished.
      if (completed) {
        const input = completed.querySelector("input");
        const keep = finishing || (input && input.value) || completed.querySelector(".is-invalid");
        completed.classList.toggle("d-none", !keep);
      }
      if (finishing && progress && progress.value !== "100") {
        progress.value = "100";
        if (range) range.value = "100";
      }
    };
    if (status) status.addEventListener("change", sync);
    sync();
    // "Báo cáo hoàn thành" needs a result: say so before the round trip.
    form.querySelectorAll(".js-finish").forEach((button) => {
      button.addEventListener("click", (event) => {
        if (result && !result.value.trim()) {
          event.preventDefault();
          result.classList.add("is-invalid");
          let hint = result.parentElement.querySelector(".js-result-hint");
          if (!hint) {
            hint = document.createElement("div");
            hint.className = "invalid-feedback js-result-hint";
            hint.textContent = "Muốn báo cáo hoàn thành, hãy nhập kết quả đạt được.";
            result.insertAdjacentElement("afterend", hint);
          }
          result.focus();
        }
      });
    });
    if (result) result.addEventListener("input", () => result.classList.remove("is-invalid"));
  }

  // Inline updates on boards: finishing reveals (and sends) the result box.
  function inlineForm(form) {
    const status = form.querySelector(".js-status");
    const box = form.querySelector(".js-result-box");
    const result = box && box.querySelector("textarea");
    const progress = form.querySelector("input[name=progress]");
    const sync = () => {
      const finishing = FINISHED.includes(status.value);
      if (box) box.classList.toggle("d-none", !finishing);
      if (result) {
        result.disabled = !finishing;
        result.required = finishing;
      }
      if (finishing && progress) progress.value = "100";
    };
    status.addEventListener("change", sync);
    sync();
  }

  // The filter bar sends only the filters that are set: short, shareable addresses.
  function filterForm(form) {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((el) => {
        if (!el.name) return;
        if (el.value === "" || (el.type === "checkbox" && !el.checked)) el.disabled = true;
      });
    });
    // Coming back with the browser's Back button must not find the fields switched off.
    window.addEventListener("pageshow", () => {
      form.querySelectorAll("input, select").forEach((el) => { el.disabled = false; });
    });
  }

  // Files too large are refused before they are sent.
  function uploadLimit(input) {
    const limit = parseInt(input.dataset.maxBytes, 10);
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      const tooBig = file && limit && file.size > limit;
      input.setCustomValidity(tooBig ? `Tệp vượt quá ${Math.round(limit / 1048576)} MB.` : "");
      input.classList.toggle("is-invalid", Boolean(tooBig));
      if (tooBig) input.reportValidity();
    });
  }

  // Picking a document from the registry adds it to the typed list.
  function registryPicker(input) {
    const add = document.querySelector(".js-registry-add");
    const target = document.getElementById("document_refs");
    const append = () => {
      const value = input.value.trim();
      if (!value || !target) return;
      const lines = target.value.split("\n").map((l) => l.trim()).filter(Boolean);
      if (!lines.includes(value)) lines.push(value);
      target.value = lines.join("\n");
      input.value = "";
    };
    if (add) add.addEventListener("click", append);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); append(); }
    });
  }

  // Thao tác hàng loạt: "chọn tất cả" on the page, and the button says how many are chosen.
  function bulkBar(form) {
    const boxes = () => [...document.querySelectorAll(`input[name=task][form="${form.id}"]`)];
    const all = document.querySelector("[data-bulk-all]");
    const count = form.querySelector("[data-bulk-count]");
    const button = form.querySelector("[data-kind=bulk-start]");
    const sync = () => {
      const chosen = boxes().filter((box) => box.checked).length;
      if (count) count.textContent = chosen ? ` (${chosen} nhiệm vụ)` : "";
      if (button) button.disabled = chosen === 0;
      if (all) {
        all.checked = chosen > 0 && chosen === boxes().length;
        all.indeterminate = chosen > 0 && chosen < boxes().length;
      }
    };
    boxes().forEach((box) => box.addEventListener("change", sync));
    if (all) {
      all.addEventListener("change", () => {
        boxes().forEach((box) => { box.checked = all.checked; });
        sync();
      });
    }
    // Coming back with the Back button, the browser may restore ticks: count them again.
    window.addEventListener("pageshow", sync);
    sync();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("#bulk-form").forEach(bulkBar);
    document.querySelectorAll(".js-progress-range").forEach(linkProgress);
    document.querySelectorAll(".js-quick-form").forEach(quickForm);
    document.querySelectorAll(".js-quick").forEach(inlineForm);
    document.querySelectorAll(".js-filter-form").forEach(filterForm);
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(uploadLimit);
    document.querySelectorAll(".js-registry-pick").forEach(registryPicker);
  });
})();
