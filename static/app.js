// Small behaviours without inline scripts (the Content-Security-Policy forbids those).
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("select.auto-submit")) el.form.requestSubmit();
  if (el.form) showSectionsFor(el.form);
});

// A form section asked only for some values of another field (the work order for the
// hotlines' calls): hidden and left out of the POST otherwise. Without JavaScript it shows.
function showSectionsFor(root) {
  root.querySelectorAll("fieldset[data-shown-when]").forEach((section) => {
    const control = section.form && section.form.elements.namedItem(section.dataset.shownWhen);
    if (!control) return;
    const shown = section.dataset.shownValues.split(" ").includes(control.value);
    section.hidden = !shown;
    section.disabled = !shown;
  });
}
showSectionsFor(document);

document.addEventListener("click", (event) => {
  const printButton = event.target.closest("[data-print]");
  if (printButton) {
    event.preventDefault();
    window.print();
    return;
  }
  const confirmButton = event.target.closest("[data-confirm]");
  if (confirmButton && !window.confirm(confirmButton.dataset.confirm)) event.preventDefault();
});

// A submit button is disabled once its form is sent, so a double click sends it once.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.submitted === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
  setTimeout(() => { delete form.dataset.submitted; }, 4000);
});

document.documentElement.classList.add("js");

// A refused case action answers with an error status and the page region to show, the
// message inside it (station/cases/views.py sets X-Swap-On-Error); htmx would drop it.
document.addEventListener("htmx:beforeSwap", (event) => {
  const xhr = event.detail.xhr;
  if (xhr && xhr.getResponseHeader("X-Swap-On-Error") === "1") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// The case page: "Cancel" folds the open action's form away without a reload (without
// JavaScript it is a link back to the page), and a form htmx opened gets the cursor in
// its first field, or in the first one marked wrong.
document.addEventListener("click", (event) => {
  const cancel = event.target.closest("[data-close-action]");
  const slot = document.getElementById("action-slot");
  if (!cancel || !slot) return;
  event.preventDefault();
  slot.replaceChildren();
  document.querySelectorAll(".action-open[aria-current]").forEach((button) => {
    button.removeAttribute("aria-current");
  });
});

document.addEventListener("htmx:afterSettle", () => {
  const form = document.querySelector("#action-slot form");
  if (!form || form.contains(document.activeElement)) return;
  const field = form.querySelector("[aria-invalid=true]") ||
    form.querySelector("input:not([type=hidden]), textarea, select");
  if (field) field.focus();
});
