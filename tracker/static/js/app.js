// Small behaviours, kept out of the pages so that the CSP can forbid inline script.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before a destructive or irreversible action.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
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
});
