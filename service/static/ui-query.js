// The SPARQL editor: YASGUI pointed at this server's /sparql, with the queries catalogue as
// a picker. Every request goes to this server: the autocompleters that would ask a remote
// vocabulary service (class and property names) are switched off.
(function () {
  "use strict";
  var catalogue = JSON.parse(document.getElementById("catalogue").textContent);
  var endpoint = new URL("/sparql", window.location.href).href;
  var local = ["variables", "prefixes"]; // both work offline; "class" and "property" do not

  Yasgui.Yasqe.defaults.autocompleters = local.slice();
  if (Yasgui.defaults.yasqe) Yasgui.defaults.yasqe.autocompleters = local.slice();
  Yasgui.defaults.requestConfig.endpoint = endpoint;

  var firstVisit = !window.localStorage.getItem("ducha-ui-started");
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
    },
    yasqe: { autocompleters: local.slice() },
    persistenceId: "ducha",
  });
  window.duchaYasgui = yasgui; // for the browser tests and the curious

  function tabNamed(name) {
    var ids = yasgui.persistentConfig.getTabs();
    for (var i = 0; i < ids.length; i++) {
      var tab = yasgui.getTab(ids[i]);
      if (tab && tab.getName() === name) return tab;
    }
    return null;
  }

  function openQuestion(question) {
    var tab = tabNamed(question.name);
    if (tab) {
      yasgui.selectTabId(tab.getId());
    } else {
      tab = yasgui.addTab(true, {
        name: question.name,
        yasqe: { value: question.sparql },
        requestConfig: { endpoint: endpoint },
      });
    }
    document.querySelectorAll(".question").forEach(function (b) {
      b.classList.toggle("open", b.dataset.name === question.name);
    });
    return tab;
  }

  // A tab restored from an earlier visit may point elsewhere; this page is about this server.
  yasgui.persistentConfig.getTabs().forEach(function (id) {
    var tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint() !== endpoint) tab.setEndpoint(endpoint);
  });

  if (firstVisit && catalogue.length) {
    // Replace YASGUI's example tab by the first question of the catalogue.
    var start = yasgui.getTab();
    start.setName(catalogue[0].name);
    start.setQuery(catalogue[0].sparql);
    window.localStorage.setItem("ducha-ui-started", "1");
  }

  // Results link IRIs to themselves (https://w3id.org/…); open them here instead: data IRIs
  // at their Linked Data page, any other IRI through /resource.
  var settings = JSON.parse(document.getElementById("ui-settings").textContent);
  document.addEventListener("click", function (event) {
    var anchor = event.target.closest(".yasr a[href]");
    if (!anchor) return;
    var href = anchor.getAttribute("href");
    if (!/^https?:/.test(href) || href.indexOf(window.location.origin + "/") === 0) return;
    event.preventDefault();
    var local = href.indexOf(settings.base) === 0 && href.length > settings.base.length
      ? settings.idPath + href.slice(settings.base.length)
      : "/resource?iri=" + encodeURIComponent(href);
    window.open(local, "_blank", "noopener");
  }, true);

  document.querySelectorAll(".question").forEach(function (button) {
    button.addEventListener("click", function () {
      var question = catalogue.find(function (q) { return q.name === button.dataset.name; });
      if (question) openQuestion(question);
    });
  });
})();
