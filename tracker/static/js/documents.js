// The document registry: filters that apply on change, and the reference reader of the form.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[type=checkbox][data-autosubmit-check]").forEach((el) => {
    el.addEventListener("change", () => el.form.requestSubmit());
  });

  // The issuer dictionary: "also rename it in the documents" only matters once the name changes.
  document.querySelectorAll("[data-carry-for]").forEach((box) => {
    const name = document.getElementById(box.dataset.carryFor);
    if (!name) return;
    const original = name.value;
    const sync = () => { box.hidden = name.value.trim() === original.trim(); };
    name.addEventListener("input", sync);
    sync();
  });

  const form = document.querySelector("form[data-parse-url]");
  if (!form) return;
  const input = form.querySelector("[data-parse-reference]");
  const preview = document.getElementById("reference-preview");
  if (!input || !preview) return;
  const dateField = form.querySelector("[name=issued_on]");
  const issuerField = form.querySelector("[name=issuer_name]");
  const titleField = form.querySelector("[name=title]");
  // A field the user changed is theirs; one we filled follows the reference.
  const filled = new WeakSet();
  [dateField, issuerField, titleField].forEach((el) => {
    if (el) el.addEventListener("input", () => filled.delete(el));
  });
  const fill = (el, value) => {
    if (!el || !value) return;
    if (el.value === "" || filled.has(el)) {
      el.value = value;
      filled.add(el);
    }
  };
  const text = (tag, content, cls) => {
    const node = document.createElement(tag);
    node.textContent = content;
    if (cls) node.className = cls;
    return node;
  };
  const formatDate = (iso) => iso.split("-").reverse().join("/");

  let timer = null;
  let seq = 0;
  const read = async () => {
    const value = input.value.trim();
    if (!value) { preview.hidden = true; return; }
    const mine = ++seq;
    const params = new URLSearchParams({ text: value });
    if (form.dataset.exclude) params.set("exclude", form.dataset.exclude);
    let data;
    try {
      const response = await fetch(form.dataset.parseUrl + "?" + params, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      data = await response.json();
    } catch (error) {
      return;
    }
    if (mine !== seq) return; // an older answer arriving late
    preview.replaceChildren();
    preview.hidden = false;
    preview.classList.toggle("is-error", !data.ok);
    preview.classList.toggle("is-duplicate", Boolean(data.ok && data.duplicate));
    if (!data.ok) {
      preview.append(text("span", data.error));
      return;
    }
    const parts = [data.type, data.symbol];
    if (data.year) parts.push("năm " + data.year);
    if (data.issuer_name || data.issuer_code) parts.push(data.issuer_name || data.issuer_code);
    if (data.date) parts.push("ngày " + formatDate(data.date));
    preview.append(text("span", "Nhận ra: ", "text-secondary"), text("strong", parts.join(" · ")));
    if (data.duplicate) {
      const note = text("div", "Văn bản này đã có trong danh mục: ", "mt-1");
      const link = text("a", data.duplicate.label + (data.duplicate.title ? " — " + data.duplicate.title : ""));
      link.href = data.duplicate.url;
      note.append(link);
      preview.append(note);
    }
    fill(dateField, data.date);
    fill(titleField, data.title);
    if (issuerField && !issuerField.value) issuerField.placeholder = data.issuer_name || "Theo mã trong số, ký hiệu";
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(read, 300);
  });
  if (input.value.trim()) read();
});
