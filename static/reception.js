// The reception kiosk (templates/reception/signin.html): nothing of one visitor for the next.
// The server sends an empty form with new field names after each sign-in; here the page is
// fetched again when the browser shows it from its back-forward cache, and a form left
// half-filled is emptied after two idle minutes.
(() => {
  const IDLE_MS = 120000;
  const form = document.querySelector("form[data-kiosk-form]");

  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      window.location.replace(window.location.pathname);
      return;
    }
    // A page restored from history without a reload: drop whatever the browser put back.
    const nav = performance.getEntriesByType("navigation")[0];
    if (form && nav && nav.type === "back_forward") form.reset();
  });

  const number = document.querySelector("[data-hide-after]");
  if (number) {
    setTimeout(() => { number.hidden = true; }, Number(number.dataset.hideAfter) * 1000);
  }

  if (!form) return;
  let timer = null;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { window.location.replace(window.location.pathname); }, IDLE_MS);
  };
  ["input", "keydown", "pointerdown"].forEach((name) => {
    document.addEventListener(name, () => {
      if (number) number.hidden = true;
      restart();
    });
  });
  restart();
})();
