// The report page and the plan import: printing, and one submission per import.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((el) => {
    el.addEventListener("click", () => window.print());
  });
  // An import takes a moment; a second click must not send the same plan twice.
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.disabled = true;
        const busy = button.dataset.busy;
        if (busy) button.textContent = busy;
      });
    });
  });
  // The template link follows the chosen period.
  const period = document.querySelector("select[data-template-link]");
  if (period) {
    const link = document.getElementById(period.dataset.templateLink);
    const sync = () => {
      if (!link) return;
      const url = new URL(link.href, window.location.href);
      url.searchParams.set("period", period.value);
      link.href = url.toString();
    };
    period.addEventListener("change", sync);
    sync();
  }
  // The order panel: drag a row to move it; the numbers follow the rows.
  document.querySelectorAll("[data-order-list]").forEach((list) => {
    let dragged = null;
    const renumber = () => {
      list.querySelectorAll(".order-number").forEach((input, i) => {
        input.value = String(i + 1);
      });
    };
    list.addEventListener("dragstart", (event) => {
      dragged = event.target.closest(".order-row");
      if (dragged) dragged.classList.add("is-dragging");
    });
    list.addEventListener("dragend", () => {
      if (dragged) dragged.classList.remove("is-dragging");
      dragged = null;
      renumber();
    });
    list.addEventListener("dragover", (event) => {
      const over = event.target.closest(".order-row");
      if (!dragged || !over || over === dragged || over.parentNode !== list) return;
      event.preventDefault();
      const box = over.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
  });
});
