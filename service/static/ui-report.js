// The report page: a click on a highlighted word opens its resource in the side panel
// (an HTML fragment rendered and escaped by the server); findings in the margin and the
// words they are about point to each other.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var current = null;

  function select(iri) {
    document.querySelectorAll(".mk.selected").forEach(function (el) {
      el.classList.remove("selected");
    });
    document.querySelectorAll(".mk").forEach(function (el) {
      if (el.dataset.iri === iri) el.classList.add("selected");
    });
  }

  function open(iri) {
    current = iri;
    select(iri);
    panel.hidden = false;
    document.body.classList.add("panel-open");
    body.setAttribute("aria-busy", "true");
    fetch("/ui/panel?iri=" + encodeURIComponent(iri), { headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) throw new Error(response.status + ": " + text);
          return text;
        });
      })
      .then(function (html) {
        if (current !== iri) return;
        body.innerHTML = html; // rendered by the server with every value escaped
        body.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        body.textContent = "Could not load " + iri + " — " + error.message;
        body.removeAttribute("aria-busy");
      });
  }

  function close() {
    panel.hidden = true;
    current = null;
    select(null);
    document.body.classList.remove("panel-open");
  }

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest(".text .mk");
    if (mark) {
      open(mark.dataset.iri);
      var flagged = mark.closest(".flag") || (mark.classList.contains("flag") ? mark : null);
      if (flagged) {
        flagged.dataset.finding.split(" ").forEach(function (id) {
          var note = document.getElementById(id);
          if (note) flash(note);
        });
      }
      return;
    }
    var flag = event.target.closest(".text .flag");
    if (flag) {
      var note = document.getElementById(flag.dataset.finding.split(" ")[0]);
      if (note) { note.scrollIntoView({ block: "nearest" }); flash(note); }
      return;
    }
    var focus = event.target.closest(".note .focus");
    if (focus) {
      event.preventDefault();
      var note2 = focus.closest(".note");
      var target = document.querySelector('.text .flag[data-finding~="' + note2.id + '"]');
      if (target) { target.scrollIntoView({ block: "center" }); flash(target); }
      open(focus.dataset.iri);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) close();
    if ((event.key === "Enter" || event.key === " ") && event.target.matches(".text .mk")) {
      event.preventDefault();
      open(event.target.dataset.iri);
    }
  });
  document.getElementById("panel-close").addEventListener("click", close);

  // Arriving from the audit table (#finding-…): show that finding and its words.
  if (window.location.hash.indexOf("#finding-") === 0) {
    var note = document.getElementById(window.location.hash.slice(1));
    var words = document.querySelector('.text .flag[data-finding~="' + window.location.hash.slice(1) + '"]');
    if (words) { words.scrollIntoView({ block: "center" }); flash(words); }
    if (note) flash(note);
  }
})();
