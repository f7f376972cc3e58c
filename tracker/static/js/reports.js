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
});
