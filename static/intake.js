// The intake form (templates/intake/new.html); no inline scripts (the CSP forbids them).

// Why "Back" and a second 登记 made a second case: every page of the form comes with a new
// one-time token, and the form pages are sent with Cache-Control: no-store, so "Back" loads
// the form anew (there is no page cache) with a new token, while the browser puts back the
// values typed. Chrome puts back only the fields whose value differs from the one in the
// page's markup: the token never did, so the kept values came back with the new token and
// the server rightly took them for a new form. Here the token's markup value is emptied and
// the token set as its value, so that the browser keeps it with the typed values and sends
// the old token again: the server then finds the case already registered with it.
document.querySelectorAll("input[data-keep-on-back]").forEach((input) => {
  const token = input.value;
  input.defaultValue = "";
  input.value = token;
});

// No maxlength on the fields (it cuts a paste silently): a counter near the limit, and a
// warning once past it. The server refuses a text that is too long and keeps all of it.
const words = document.getElementById("length-words");

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

function showLength(field) {
  const max = Number(field.dataset.maxlength);
  const count = [...field.value].length; // characters as the server counts them
  let note = field.nextElementSibling;
  if (!note || !note.classList.contains("length-count")) {
    note = document.createElement("small");
    note.className = "length-count";
    note.setAttribute("aria-live", "polite");
    field.after(note);
  }
  const over = count - max;
  note.hidden = count < max * 0.8;
  note.classList.toggle("over", over > 0);
  note.textContent = over > 0
    ? fill(words.dataset.over, { over, max })
    : fill(words.dataset.count, { count, max });
}

// A field the server refused already says why under it: no second warning until the
// clerk types in it, and then the live counter speaks instead of the server's message.
if (words) {
  document.querySelectorAll("[data-maxlength]:not([aria-invalid=true])").forEach(showLength);
  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!field.matches || !field.matches("[data-maxlength]")) return;
    const refused = document.getElementById(field.id + "-error");
    if (refused) refused.hidden = true;
    showLength(field);
  });
}

// "Gives the phone number for the reply" means something only for an anonymous person:
// shown once 匿名 is ticked (without JavaScript it is always there).
function showPhoneForReply() {
  const anonymous = document.getElementById("anonymous");
  const forReply = document.getElementById("phone_for_reply");
  if (!anonymous || !forReply) return;
  forReply.closest(".intake-field").hidden = !anonymous.checked;
}
showPhoneForReply();
document.addEventListener("change", (event) => {
  if (event.target.id === "anonymous") showPhoneForReply();
});
