/* kg graph page. Every string from the data block is untrusted (it comes from papers):
 * it is only ever put into the page with textContent or as a DOM property, never as
 * markup. The page exposes window.kgGraph for tests and for scripting from the console. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function isWebUrl(u) { return typeof u === "string" && /^https?:\/\/[^\s<>"']+$/i.test(u); }

  var kindInfo = {};
  data.kinds.forEach(function (k) { kindInfo[k.kind] = k; });
  var roleInfo = {};
  data.roles.forEach(function (r) { roleInfo[r.group] = r; });
  function kindName(kind) { return kindInfo[kind] ? kindInfo[kind].legend : kind; }

  byId("kg-heading").textContent = data.heading;
  byId("kg-subtitle").textContent = data.subtitle;
  byId("kg-stats").textContent = data.nodes.length.toLocaleString("en") + " nodes \u00b7 " +
    data.edges.length.toLocaleString("en") + " edges";
  document.title = data.heading + " \u2014 " + data.subtitle;

  var nodeById = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  var adj = new Map();
  data.nodes.forEach(function (n) { adj.set(n.id, []); });
  data.edges.forEach(function (e, i) {
    if (e.id === undefined) { e.id = i; }
    adj.get(e.from).push([e.to, e.id]);
    adj.get(e.to).push([e.from, e.id]);
  });

  // vis's DataSet keeps and mutates the objects it is given: hand it copies, so data.*
  // stays the record of each node's own colour for undoing a highlight
  var nodes = new vis.DataSet(structuredClone(data.nodes));
  var edges = new vis.DataSet(structuredClone(data.edges));
  var container = byId("kg-graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var api = window.kgGraph = {
    network: network, nodes: nodes, edges: edges,
    nodeCount: data.nodes.length, edgeCount: data.edges.length,
    ready: false, readyAt: null, focused: null, hiddenKinds: [],
    timings: { parsed: performance.now() - t0 }
  };

  function markReady() {
    if (api.ready) { return; }
    api.ready = true;
    api.readyAt = performance.now();
    api.timings.ready = api.readyAt - t0;
    byId("kg-loading").hidden = true;
    document.body.setAttribute("data-ready", "1");
  }
  if (data.options.physics && data.options.physics.enabled && data.nodes.length > 0) {
    network.once("stabilizationIterationsDone", function () {
      // stabilised: stop the simulation so nothing drifts while people read
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.fit({ animation: false });
    network.once("afterDrawing", markReady);
    network.redraw();
  }
  if (data.nodes.length === 0) {
    byId("kg-loading").textContent = "Nothing to draw: no node matches.";
    markReady();
    byId("kg-loading").hidden = false;
  }

  // ---- legend and type filter
  var typesBox = byId("kg-types");
  data.kinds.forEach(function (k) {
    var row = el("div", "kg-row");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = k.kind;
    box.setAttribute("data-kind", k.kind);
    box.addEventListener("change", function () { setKindVisible(k.kind, box.checked); });
    var sw = el("span", "kg-swatch kg-" + k.shape);
    sw.style.background = k.color;
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(el("span", null, k.legend));
    label.appendChild(el("span", "kg-count", k.count.toLocaleString("en")));
    row.appendChild(label);
    typesBox.appendChild(row);
  });
  var rolesBox = byId("kg-roles");
  data.roles.forEach(function (r) {
    var row = el("div", "kg-row");
    var line = el("span", "kg-line" + (r.dashes ? " kg-dashed" : ""));
    line.style.borderTopColor = r.color;
    row.appendChild(line);
    row.appendChild(el("span", null, r.legend));
    rolesBox.appendChild(row);
  });

  var hiddenKinds = new Set();
  function setKindVisible(kind, visible) {
    if (visible) { hiddenKinds.delete(kind); } else { hiddenKinds.add(kind); }
    api.hiddenKinds = Array.from(hiddenKinds);
    var upd = [];
    data.nodes.forEach(function (n) {
      if (n.kgKind === kind) { upd.push({ id: n.id, hidden: !visible }); }
    });
    nodes.update(upd);
    var eupd = [];
    data.edges.forEach(function (e) {
      var h = hiddenKinds.has(nodeById.get(e.from).kgKind) || hiddenKinds.has(nodeById.get(e.to).kgKind);
      eupd.push({ id: e.id, hidden: h });
    });
    edges.update(eupd);
    var box = typesBox.querySelector('input[data-kind="' + CSS.escape(kind) + '"]');
    if (box) { box.checked = visible; }
  }
  api.setKindVisible = setKindVisible;

  // ---- neighbourhood highlight
  var DIM_NODE = "rgba(200,200,200,0.35)";
  var DIM_EDGE = "rgba(210,210,210,0.25)";
  var highlighted = null;
  function highlight(id) {
    var near = new Set([id]);
    var nearEdges = new Set();
    (adj.get(id) || []).forEach(function (p) { near.add(p[0]); nearEdges.add(p[1]); });
    nodes.update(data.nodes.map(function (n) {
      var on = near.has(n.id);
      return { id: n.id, color: on ? n.color : DIM_NODE,
               font: { color: on ? ((n.font && n.font.color) || "#222222") : "rgba(0,0,0,0.15)" } };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: nearEdges.has(e.id) ? e.color : DIM_EDGE,
               width: nearEdges.has(e.id) ? 2 : 1 };
    }));
    highlighted = id;
  }
  function clearHighlight() {
    if (highlighted === null) { return; }
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: n.color, font: { color: (n.font && n.font.color) || "#222222" } };
    }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: e.color, width: 1 }; }));
    highlighted = null;
  }

  // ---- details panel (click)
  var details = byId("kg-details");
  function showDetails(id) {
    var n = nodeById.get(id);
    details.textContent = "";
    details.hidden = false;
    details.appendChild(el("h2", null, "Selected " + kindName(n.kgKind).toLowerCase()));
    details.appendChild(el("h3", null, n.kgTitle));
    var meta = [kindName(n.kgKind)];
    if (n.kgDate) { meta.push(n.kgDate); }
    meta.push(n.kgDegree + (n.kgDegree === 1 ? " link" : " links"));
    details.appendChild(el("div", "kg-meta", meta.join(" \u00b7 ")));
    if (isWebUrl(n.kgUrl)) {
      var a = el("a", null, n.kgUrl);
      a.href = n.kgUrl;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      details.appendChild(el("div")).appendChild(a);
    }
    if (n.kgAlt && n.kgAlt.length) { details.appendChild(el("div", "kg-meta", "also: " + n.kgAlt.join(", "))); }
    (n.kgFacts || []).forEach(function (f) { details.appendChild(el("div", "kg-meta", f[0] + ": " + f[1])); });
    if (n.kgEvidence) { details.appendChild(el("div", "kg-evidence", "\u201c" + n.kgEvidence + "\u201d")); }
    details.appendChild(el("div", "kg-iri", n.kgIri));
    var list = adj.get(id) || [];
    if (list.length) {
      details.appendChild(el("h2", null, "Linked (" + list.length + ")"));
      var ul = el("ul");
      list.slice(0, 60).forEach(function (p) {
        var m = nodeById.get(p[0]);
        var e = edges.get(p[1]);
        var li = el("li");
        var b = el("button", null, m.kgTitle);
        b.type = "button";
        b.addEventListener("click", function () { focusNode(m.id); });
        li.appendChild(b);
        li.appendChild(el("span", "kg-kind", kindName(m.kgKind) + (e && e.kgRole ? " \u00b7 " + e.kgRole.replace(/_/g, " ") : "")));
        if (e && e.kgEvidence) { li.appendChild(el("div", "kg-evidence", "\u201c" + e.kgEvidence + "\u201d")); }
        ul.appendChild(li);
      });
      details.appendChild(ul);
      if (list.length > 60) { details.appendChild(el("div", "kg-meta", "\u2026 and " + (list.length - 60) + " more")); }
    }
  }
  function hideDetails() { details.hidden = true; details.textContent = ""; }

  function selectNode(id) {
    network.selectNodes([id]);
    highlight(id);
    showDetails(id);
    api.focused = id;
  }
  function focusNode(id) {
    var n = nodeById.get(id);
    if (!n) { return false; }
    if (hiddenKinds.has(n.kgKind)) { setKindVisible(n.kgKind, true); }
    selectNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    return true;
  }
  api.focusNode = focusNode;
  api.clearSelection = function () { network.unselectAll(); clearHighlight(); hideDetails(); api.focused = null; };

  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0]); }
    else if (!p.edges.length) { api.clearSelection(); }
  });
  byId("kg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  // ---- tooltips (hover): DOM built with textContent, positioned at the pointer
  var tip = byId("kg-tip");
  var mouse = { x: 0, y: 0 };
  function placeTip() {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = mouse.x + 14, y = mouse.y + 14;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, mouse.x - w - 14); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, mouse.y - h - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  container.addEventListener("mousemove", function (ev) {
    mouse.x = ev.clientX; mouse.y = ev.clientY;
    if (!tip.hidden) { placeTip(); }
  });
  function showTip(content) {
    tip.textContent = "";
    tip.appendChild(content);
    tip.hidden = false;
    placeTip();
  }
  function hideTip() { tip.hidden = true; tip.textContent = ""; }
  function nodeTip(id) {
    var n = nodeById.get(id);
    var box = el("div");
    box.appendChild(el("div", "kg-tip-title", n.kgTitle));
    var meta = [kindName(n.kgKind)];
    if (n.kgDate) { meta.push(n.kgDate.slice(0, 4)); }
    meta.push(n.kgDegree + (n.kgDegree === 1 ? " link" : " links"));
    box.appendChild(el("div", "kg-tip-meta", meta.join(" \u00b7 ")));
    if (n.kgUrl) { box.appendChild(el("div", "kg-tip-url", n.kgUrl)); }
    if (n.kgAlt && n.kgAlt.length) { box.appendChild(el("div", "kg-tip-meta", "also: " + n.kgAlt.join(", "))); }
    if (n.kgEvidence) { box.appendChild(el("div", "kg-evidence", "\u201c" + n.kgEvidence + "\u201d")); }
    return box;
  }
  function edgeTip(id) {
    var e = edges.get(id);
    var a = nodeById.get(e.from), b = nodeById.get(e.to);
    var box = el("div");
    var rel = e.kgPred ? e.kgPred : (e.kgRole ? e.kgRole.replace(/_/g, " ") : "linked");
    box.appendChild(el("div", "kg-tip-title", a.kgTitle));
    box.appendChild(el("div", "kg-tip-meta", "\u2192 " + rel + " \u2192"));
    box.appendChild(el("div", "kg-tip-title", b.kgTitle));
    if (e.kgSurface) { box.appendChild(el("div", "kg-tip-meta", "as written: \u201c" + e.kgSurface + "\u201d")); }
    if (e.kgEvidence) { box.appendChild(el("div", "kg-evidence", "\u201c" + e.kgEvidence + "\u201d")); }
    return box;
  }
  network.on("hoverNode", function (p) { showTip(nodeTip(p.node)); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) { showTip(edgeTip(p.edge)); });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  api.tooltip = tip;

  // ---- search
  var input = byId("kg-search");
  var results = byId("kg-results");
  var haystack = data.nodes.map(function (n) {
    return (n.kgTitle + "\u0000" + (n.kgAlt || []).join("\u0000")).toLowerCase();
  });
  var current = [];
  var active = 0;
  function search(q) {
    q = String(q || "").trim().toLowerCase();
    if (!q) { return []; }
    var starts = [], inside = [];
    for (var i = 0; i < data.nodes.length && starts.length < 50; i++) {
      var at = haystack[i].indexOf(q);
      if (at === 0 || (at > 0 && haystack[i].charAt(at - 1) === "\u0000")) { starts.push(data.nodes[i]); }
      else if (at > 0) { inside.push(data.nodes[i]); }
    }
    var byDegree = function (a, b) { return b.kgDegree - a.kgDegree; };
    return starts.sort(byDegree).concat(inside.sort(byDegree)).slice(0, 12).map(function (n) { return n.id; });
  }
  api.search = search;
  function renderResults() {
    results.textContent = "";
    current.forEach(function (id, i) {
      var n = nodeById.get(id);
      var li = el("li", i === active ? "kg-active" : null);
      li.setAttribute("role", "option");
      li.appendChild(el("span", null, n.kgTitle));
      li.appendChild(el("span", "kg-kind", kindName(n.kgKind)));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(id); });
      results.appendChild(li);
    });
    if (!current.length && input.value.trim()) { results.appendChild(el("li", "kg-kind", "no match")); }
    results.hidden = !input.value.trim();
  }
  function choose(id) {
    results.hidden = true;
    input.value = nodeById.get(id).kgTitle;
    focusNode(id);
  }
  input.addEventListener("input", function () { current = search(input.value); active = 0; renderResults(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (current.length) {
        active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
        renderResults();
      }
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (!current.length) { current = search(input.value); active = 0; }
      if (current.length) { choose(current[active]); }
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
})();
