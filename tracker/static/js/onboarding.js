// The report import: one submission, check/uncheck items, a live count, the unit fallbacks.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.disabled = true;
        if (button.dataset.busy) button.textContent = button.dataset.busy;
      });
    });
  });

  const form = document.getElementById("onb-form");
  if (!form) return;
  const boxes = () => Array.from(form.querySelectorAll("input[data-include]:not(:disabled)"));
  const counter = form.querySelector("[data-selected-count]");
  const submit = form.querySelector("button[type=submit]");

  const sync = () => {
    boxes().forEach((box) => {
      const item = box.closest("[data-item]");
      if (item) item.classList.toggle("is-off", !box.checked);
    });
    const chosen = boxes().filter((box) => box.checked).length;
    if (counter) counter.textContent = chosen;
    if (submit) submit.disabled = chosen === 0;
  };
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[data-include]")) sync();
    if (event.target.matches("select[data-unit-select]")) fallbacks();
  });
  document.querySelectorAll("[data-check]").forEach((button) => {
    button.addEventListener("click", () => {
      const on = button.dataset.check === "all";
      boxes().forEach((box) => { box.checked = on; });
      sync();
    });
  });

  // An item left without a unit shows which unit it will take: its section's, else everyone's.
  const everyone = document.getElementById("unit-all");
  const label = (select) => (select && select.value ? select.selectedOptions[0].textContent.trim() : "");
  const fallbacks = () => {
    form.querySelectorAll("section[data-section]").forEach((section) => {
      const own = section.querySelector("select[id^='unit-section-']");
      const name = label(own) || label(everyone);
      section.querySelectorAll("li[data-item] select[data-unit-select]").forEach((select) => {
        const first = select.options[0];
        first.textContent = name ? `↳ ${name}` : "— Chọn đơn vị chủ trì —";
      });
    });
  };
  sync();
  fallbacks();
});
