// Admin pages: the current tab in view, the live preview of the report header, copying a temporary password,
// and the password box that only matters when no temporary password is generated.
document.addEventListener("DOMContentLoaded", () => {
  // On a phone the tabs scroll sideways: bring the current one into view. Again once the
  // icon font has loaded, since the icons widen the tabs and the first measure falls short.
  const tab = document.querySelector(".admin-tabs .nav-link.active");
  const tabs = tab && tab.closest(".admin-tabs");
  const showTab = () => {
    if (tabs && tabs.scrollWidth > tabs.clientWidth) {
      tabs.scrollLeft += tab.getBoundingClientRect().left - tabs.getBoundingClientRect().left - 16;
    }
  };
  showTab();
  if (document.fonts) document.fonts.ready.then(showTab);

  const targets = (name) => document.querySelectorAll(`[data-preview-target="${name}"]`);
  const setText = (name, text) => targets(name).forEach((el) => { el.textContent = text; });

  document.querySelectorAll("input[data-preview]").forEach((input) => {
    const update = () => {
      const value = input.value.trim().replace(/\s+/g, " ");
      const name = input.dataset.preview;
      if (name === "parent" || name === "name") {
        setText(name, value.toLocaleUpperCase("vi"));
      } else if (name === "place") {
        setText("place", value);
        setText("place-comma", value ? ", " : "");
        setText("day-word", value ? "ngày" : "Ngày");
      } else {
        setText(name, value);
      }
    };
    input.addEventListener("input", update);
  });

  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copy);
      if (!field) return;
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
        button.innerHTML = '<i class="bi bi-check-lg"></i> Đã chép';
      } catch (error) {
        document.execCommand("copy");
      }
    });
  });

  const generate = document.getElementById("generate");
  const password = document.getElementById("password");
  if (generate && password) {
    const sync = () => {
      password.disabled = generate.checked;
      if (generate.checked) password.value = "";
    };
    generate.addEventListener("change", sync);
    sync();
  }
});
