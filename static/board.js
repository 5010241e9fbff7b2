// The wall board (templates/board/_wall.html): when the groups do not all fit on the
// screen, show one group at a time, a page of its rows at a time, and move on every few
// seconds. Without JavaScript, or when everything fits, the whole board shows at once.
(function () {
  const STEP_MS = 12000;
  let timer = null;
  let position = 0;

  function slides(board) {
    const groups = Array.from(board.querySelectorAll(".wall-group"));
    const room = window.innerHeight - board.querySelector(".wall-groups").getBoundingClientRect().top;
    const out = [];
    groups.forEach((group) => {
      const rows = Array.from(group.querySelectorAll("tbody tr"));
      group.hidden = false;
      rows.forEach((row) => { row.hidden = false; });
      const head = group.getBoundingClientRect().height - rows.reduce((h, r) => h + r.getBoundingClientRect().height, 0);
      const tallest = Math.max(1, ...rows.map((r) => r.getBoundingClientRect().height));
      const perPage = Math.max(1, Math.floor((room - head) / tallest));
      if (!rows.length) out.push({ group, rows: [] });
      for (let i = 0; i < rows.length; i += perPage) out.push({ group, rows: rows.slice(i, i + perPage) });
    });
    return out;
  }

  function show(board, list) {
    const slide = list[position % list.length];
    board.querySelectorAll(".wall-group").forEach((group) => { group.hidden = group !== slide.group; });
    slide.group.querySelectorAll("tbody tr").forEach((row) => { row.hidden = !slide.rows.includes(row); });
  }

  function start() {
    const board = document.querySelector(".wall-board");
    if (timer) clearInterval(timer);
    timer = null;
    if (!board) return;
    board.classList.remove("cycling");
    board.querySelectorAll(".wall-group, .wall-group tbody tr").forEach((el) => { el.hidden = false; });
    if (document.documentElement.scrollHeight <= window.innerHeight) return;
    board.classList.add("cycling");
    const list = slides(board);
    position = position % list.length;
    show(board, list);
    timer = setInterval(() => { position = (position + 1) % list.length; show(board, list); }, STEP_MS);
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", start);
  window.addEventListener("resize", start);
})();
