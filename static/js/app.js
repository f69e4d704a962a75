/* Pathways Commons: the little the pages do with JavaScript. Every page works without it. */
(function () {
  "use strict";

  /* The report grid: each indicator's table of the total and its breakdowns. */

  function gridRows(table) {
    return Array.from(table.querySelectorAll("tbody tr"))
      .map(function (tr) { return Array.from(tr.querySelectorAll("input")); })
      .filter(function (row) { return row.length > 0; });
  }

  function place(rows, input) {
    for (var r = 0; r < rows.length; r++) {
      var c = rows[r].indexOf(input);
      if (c !== -1) return [r, c];
    }
    return null;
  }

  function gridInput(target) {
    if (!(target instanceof HTMLInputElement)) return null;
    var table = target.closest("table.report-grid");
    return table ? table : null;
  }

  document.addEventListener("keydown", function (event) {
    var table = gridInput(event.target);
    if (!table || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var input = event.target;
    var rows = gridRows(table);
    var at = place(rows, input);
    if (!at) return;
    var r = at[0], c = at[1], next = null;
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    switch (event.key) {
      case "ArrowUp": next = rows[r - 1] && rows[r - 1][c]; break;
      case "ArrowDown": next = rows[r + 1] && rows[r + 1][c]; break;
      case "Enter": next = rows[r + 1] && rows[r + 1][c]; event.preventDefault(); break;
      case "ArrowLeft": if (atStart) next = rows[r][c - 1]; break;
      case "ArrowRight": if (atEnd) next = rows[r][c + 1]; break;
      default: return;
    }
    if (next) {
      event.preventDefault();
      next.focus();
      next.select();
    }
  });

  document.addEventListener("paste", function (event) {
    var table = gridInput(event.target);
    if (!table) return;
    var text = (event.clipboardData || window.clipboardData).getData("text/plain") || "";
    text = text.replace(/\r/g, "").replace(/\n+$/, "");
    if (text.indexOf("\t") === -1 && text.indexOf("\n") === -1) return; // one value: pasted as usual
    event.preventDefault();
    var rows = gridRows(table);
    var at = place(rows, event.target);
    var filled = 0, left = 0, last = null;
    text.split("\n").forEach(function (line, i) {
      line.split("\t").forEach(function (value, j) {
        var cell = rows[at[0] + i] && rows[at[0] + i][at[1] + j];
        if (cell) {
          cell.value = value.trim();
          filled++;
          last = cell;
        } else {
          left++;
        }
      });
    });
    if (last) last.dispatchEvent(new Event("change", { bubbles: true })); // one check for the table
    var status = document.getElementById("paste-status");
    if (status) {
      var message = left ? status.dataset.pastedSome : status.dataset.pasted;
      status.textContent = message.replace("%(filled)s", filled).replace("%(left)s", left);
    }
  });

  /* After a check in place, each box says whether it is invalid, as its error text does. */
  function markInvalid(root) {
    (root || document).querySelectorAll("table.report-grid input, .indicator-entry .note input")
      .forEach(function (input) {
        var error = document.getElementById(input.id + "_error");
        if (error && error.textContent.trim()) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
  }
  document.addEventListener("htmx:oobAfterSwap", function () { markInvalid(); });
  document.addEventListener("htmx:afterSettle", function () { markInvalid(); reveal(); });

  /* A save that could not be made is never silent: the sentence beside the button says so. */
  function saveFailed(event) {
    var form = event.detail && event.detail.elt && event.detail.elt.closest("form");
    var status = form && form.querySelector(".save-status[data-failed]");
    if (status && event.detail.elt.matches("button, form")) status.textContent = status.dataset.failed;
  }
  document.addEventListener("htmx:responseError", saveFailed);
  /* An answer from another address (the sign-in page, once a session has expired) is loaded
     whole rather than swapped into part of this page. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var asked = event.detail.requestConfig && event.detail.requestConfig.path;
    if (!xhr || !xhr.responseURL || !asked) return;
    if (new URL(xhr.responseURL).pathname !== new URL(asked, window.location.href).pathname) {
      event.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
    }
  });
  document.addEventListener("htmx:sendError", saveFailed);

  /* What only works with JavaScript is shown only with it. */
  function reveal() {
    document.querySelectorAll("[data-with-script]").forEach(function (el) { el.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();
