// Small behaviours, kept out of the pages so that the CSP can forbid inline script.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before a destructive or irreversible action.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
  // A sheet made to be printed has its own button.
  document.querySelectorAll("[data-print]").forEach((el) => {
    el.addEventListener("click", () => window.print());
  });
  // Filters that apply as soon as they change.
  document.querySelectorAll("select[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form.requestSubmit());
  });
  // A range slider shows its value next to it.
  document.querySelectorAll("input[type=range][data-output]").forEach((el) => {
    const out = document.getElementById(el.dataset.output);
    const show = () => { if (out) out.textContent = el.value + "%"; };
    el.addEventListener("input", show);
    show();
  });
  // Choosing "done" reveals the result box, which is then required.
  document.querySelectorAll("select[data-result-target]").forEach((el) => {
    const box = document.getElementById(el.dataset.resultTarget);
    const sync = () => {
      const finishing = el.value === "done" || el.value === "submitted";
      if (box) box.classList.toggle("border-success", finishing);
    };
    el.addEventListener("change", sync);
    sync();
  });
  // "Quay lại" on an error page: the previous page in this tab, when there is one.
  document.querySelectorAll("[data-back]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  });
  // A date box shows its day the way the browser's language does (often mm/dd/yyyy); the
  // day is also spelled out under it as dd/mm/yyyy with the weekday, so it cannot be misread.
  const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  document.querySelectorAll("main form[method=post] input[type=date]").forEach((input) => {
    const note = document.createElement("div");
    note.className = "form-text date-echo";
    note.setAttribute("aria-live", "polite");
    const show = () => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
      if (!m) { note.textContent = ""; return; }
      const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      note.textContent = `${WEEKDAYS[day.getDay()]}, ${m[3]}/${m[2]}/${m[1]}`;
    };
    input.insertAdjacentElement("afterend", note);
    input.addEventListener("change", show);
    input.addEventListener("input", show);
    show();
  });
  // A multiple select marked data-checklist becomes a list of checkboxes: no Ctrl-click.
  // The select stays in the form (hidden) and carries the choice, so nothing else changes.
  document.querySelectorAll("select[multiple][data-checklist]").forEach((select) => {
    const list = document.createElement("div");
    list.className = "check-list";
    list.setAttribute("role", "group");
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    if (label) {
      label.id = label.id || `${select.id}-label`;
      list.setAttribute("aria-labelledby", label.id);
      // The label no longer points at a visible control; clicking it focuses the first box.
      label.addEventListener("click", (event) => {
        event.preventDefault();
        const first = list.querySelector("input");
        if (first) first.focus();
      });
    }
    if (select.getAttribute("aria-describedby")) {
      list.setAttribute("aria-describedby", select.getAttribute("aria-describedby"));
    }
    if (select.classList.contains("is-invalid")) list.classList.add("is-invalid");
    Array.from(select.options).forEach((option, index) => {
      const text = option.textContent;
      const depth = Math.min(text.length - text.replace(/^\s+/, "").length, 4);
      const row = document.createElement("div");
      row.className = `form-check check-depth-${depth}`;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.className = "form-check-input";
      box.id = `${select.id}-check-${index}`;
      box.checked = option.selected;
      box.disabled = option.disabled;
      box.addEventListener("change", () => { option.selected = box.checked; });
      const text_label = document.createElement("label");
      text_label.className = "form-check-label";
      text_label.htmlFor = box.id;
      text_label.textContent = text.trim();
      row.append(box, text_label);
      list.append(row);
    });
    select.classList.add("d-none");
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.insertAdjacentElement("afterend", list);
  });
  // After a refused form, put the cursor in the first field to fix (unless a field asked).
  if (!document.querySelector("main [autofocus]")) {
    const invalid = Array.from(document.querySelectorAll("main .is-invalid"))
      .find((el) => el.matches("input, select, textarea") && el.offsetParent !== null);
    if (invalid) invalid.focus();
  }
});
