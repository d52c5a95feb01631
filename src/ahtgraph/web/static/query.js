// The query page: sends the editor's query to the SPARQL endpoint of the same server (the
// form's action, e.g. /sparql) with fetch, shows the rows in a table, and offers the results
// as CSV and JSON downloads. Nothing is fetched from anywhere else; every value from the
// results goes into the page as text (textContent), never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  var editor = document.getElementById("query");
  var picker = document.getElementById("example");
  var results = document.getElementById("results");
  var status = document.getElementById("results-status");
  var table = document.getElementById("results-table");
  var downloads = document.getElementById("downloads");
  var csvLink = document.getElementById("download-csv");
  var jsonLink = document.getElementById("download-json");
  if (!form || !editor) { return; }
  var endpoint = form.getAttribute("action");
  var urls = [];

  function say(key, fields) {
    var text = form.getAttribute("data-" + key) || key;
    Object.keys(fields || {}).forEach(function (name) {
      text = text.replace("{" + name + "}", String(fields[name]));
    });
    return text;
  }

  function exampleText(name) {
    var node = document.querySelector('details.example[data-name="' + CSS.escape(name) + '"] .example-text');
    return node ? node.textContent : null;
  }

  function choose(name) {
    var text = exampleText(name);
    if (text !== null) {
      editor.value = text;
      if (picker) { picker.value = name; }
    }
  }

  if (picker) {
    picker.addEventListener("change", function () { if (picker.value) { choose(picker.value); } });
  }
  function fromHash() {
    if (location.hash.length > 1) { choose(decodeURIComponent(location.hash.slice(1))); }
  }
  fromHash();
  window.addEventListener("hashchange", fromHash);

  function request(accept) {
    return fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        "Accept": accept
      },
      body: new URLSearchParams({ query: editor.value }).toString(),
      credentials: "same-origin"
    });
  }

  function cell(term) {
    var td = document.createElement("td");
    if (term) {
      td.textContent = term.value;
      if (term["xml:lang"]) { td.lang = term["xml:lang"]; }
      if (term.type === "uri") { td.className = "iri"; }
    }
    return td;
  }

  function clear() {
    urls.forEach(function (url) { URL.revokeObjectURL(url); });
    urls = [];
    table.tHead.textContent = "";
    table.tBodies[0].textContent = "";
    downloads.hidden = true;
    status.classList.remove("error");
  }

  function offer(link, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    urls.push(url);
    link.href = url;
  }

  function show(data, response) {
    if (typeof data.boolean === "boolean") {
      status.textContent = say("boolean", { value: data.boolean });
      return;
    }
    var vars = (data.head && data.head.vars) || [];
    var bindings = (data.results && data.results.bindings) || [];
    var row = document.createElement("tr");
    vars.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      row.appendChild(th);
    });
    table.tHead.appendChild(row);
    bindings.forEach(function (binding) {
      var tr = document.createElement("tr");
      vars.forEach(function (name) { tr.appendChild(cell(binding[name])); });
      table.tBodies[0].appendChild(tr);
    });
    var text = say("rows", { count: bindings.length });
    if (response.headers.get("X-Result-Truncated") === "true") {
      text += " " + say("truncated", { limit: response.headers.get("X-Result-Limit") || bindings.length });
    }
    status.textContent = text;
  }

  // The W3C "SPARQL 1.1 Query Results CSV Format": values as text, quoted when needed, CRLF.
  function toCsv(data) {
    function quote(text) {
      return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    var vars = data.head.vars || [];
    var lines = [vars.map(quote).join(",")];
    (data.results.bindings || []).forEach(function (binding) {
      lines.push(vars.map(function (name) {
        var term = binding[name];
        if (!term) { return ""; }
        return quote(term.type === "bnode" ? "_:" + term.value : term.value);
      }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function showGraph(body) {
    var pre = document.createElement("pre");
    pre.textContent = body;
    var tr = document.createElement("tr");
    var td = document.createElement("td");
    td.appendChild(pre);
    tr.appendChild(td);
    table.tBodies[0].appendChild(tr);
    status.textContent = "";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clear();
    results.hidden = false;
    status.textContent = say("running");
    var answer;
    request("application/sparql-results+json, text/turtle;q=0.9")
      .then(function (response) {
        answer = response;
        return response.text();
      })
      .then(function (body) {
        if (!answer.ok) { throw new Error(body.trim() || String(answer.status)); }
        var type = answer.headers.get("Content-Type") || "";
        if (type.indexOf("json") < 0) {
          showGraph(body);
          return;
        }
        var data = JSON.parse(body);
        show(data, answer);
        offer(jsonLink, body, "application/sparql-results+json");
        csvLink.hidden = typeof data.boolean === "boolean";
        if (!csvLink.hidden) { offer(csvLink, toCsv(data), "text/csv"); }
        downloads.hidden = false;
      })
      .catch(function (error) {
        status.classList.add("error");
        status.textContent = say("error", { message: error.message });
      });
  });
})();
