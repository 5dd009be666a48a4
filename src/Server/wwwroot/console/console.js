// The console's small scripts: no framework, no CDN. Pages add their own behaviour with data- attributes.
(function () {
    "use strict";
    window.outreach = window.outreach || {};
})();

// Import progress: polls the import's JSON until it completes or fails, filling the bar and the counters.
window.outreach.pollImport = function (card, statusNames) {
    "use strict";
    var url = card.getAttribute("data-progress-url");
    function field(name) { return card.querySelector("[data-field=" + name + "]"); }
    function tick() {
        fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
            card.querySelector(".progress > span").style.width = p.percent + "%";
            var status = card.querySelector("[data-status]");
            status.setAttribute("data-status", p.status);
            status.textContent = statusNames[p.status] || p.status;
            ["processed", "total", "created", "updated", "rejected"].forEach(function (name) {
                var key = name === "processed" ? "processedRows" : name === "total" ? "totalRows" : name;
                field(name).textContent = p[key];
            });
            field("error").textContent = p.error || "";
            card.querySelector("[data-testid=download-rejected]").hidden = p.rejected === 0;
            if (p.status !== "Completed" && p.status !== "Failed") { setTimeout(tick, 500); }
        }).catch(function () { setTimeout(tick, 2000); });
    }
    tick();
};

// Audience builder: asks /api/residents/count as the expression is typed.
window.outreach.liveAudienceCount = function (input) {
    "use strict";
    var count = document.querySelector("[data-audience-count]");
    var error = document.querySelector("[data-audience-error]");
    var timer = null;
    function ask() {
        fetch("/api/residents/count?audience=" + encodeURIComponent(input.value), { credentials: "same-origin" })
            .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
            .then(function (r) {
                if (r.ok) { count.textContent = r.body.count; error.textContent = ""; }
                else { count.textContent = "–"; error.textContent = r.body.detail || ""; }
            });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 250); });
    ask();
};

// Campaign progress: polls the counts, redraws the funnel bars, the rate (sent per minute since the last poll) and
// the per-community table (rows arrive as cells in the table's column order).
window.outreach.pollCampaign = function (card, statusBadge, report) {
    "use strict";
    if (!card) { return; }
    var url = card.getAttribute("data-progress-url");
    var last = null;
    function tick() {
        fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
            p.stages.forEach(function (s) {
                var row = card.querySelector("[data-stage=" + s.stage + "]");
                if (!row) { return; }
                row.querySelector("[data-value]").textContent = s.value;
                row.querySelector(".bar > span").style.width = (p.targeted === 0 ? 0 : 100 * s.value / p.targeted) + "%";
            });
            var now = Date.now();
            if (last && now > last.at) {
                card.querySelector("[data-rate]").textContent = Math.round((p.sent - last.sent) * 60000 / (now - last.at));
            }
            last = { at: now, sent: p.sent };
            if (report) { window.outreach.fillReport(report.querySelector("tbody"), p.communities); }
            statusBadge.setAttribute("data-status", p.status);
            statusBadge.textContent = p.statusText;
            if (p.status !== "Completed" && p.status !== "Cancelled") { setTimeout(tick, 1000); }
        }).catch(function () { setTimeout(tick, 3000); });
    }
    tick();
};

// Replaces a report table's rows with the polled ones, reusing the row of each community.
window.outreach.fillReport = function (body, communities) {
    "use strict";
    var rows = communities.map(function (c) {
        var row = body.querySelector("tr[data-community='" + c.id + "']") || document.createElement("tr");
        row.setAttribute("data-community", c.id);
        while (row.cells.length < c.cells.length) { row.appendChild(document.createElement("td")); }
        c.cells.forEach(function (value, i) { row.cells[i].textContent = value === null ? "" : value; });
        return row;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.slice.call(body.rows).forEach(function (row) { if (rows.indexOf(row) < 0) { body.removeChild(row); } });
};

// Knowledge editor: renders the markdown as it is typed. Escapes first, then knows headings, lists, bold, italics,
// code and paragraphs: enough for a preview; the agent reads the markdown itself.
window.outreach.markdownPreview = function (source, target) {
    "use strict";
    if (!source || !target) { return; }
    function escape(text) {
        return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    }
    function inline(text) {
        return escape(text)
            .replace(/`([^`]+)`/g, "<code>$1</code>")
            .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
            .replace(/\*([^*]+)\*/g, "<em>$1</em>");
    }
    function render(markdown) {
        var html = [], list = null, paragraph = [];
        function flush() {
            if (paragraph.length) { html.push("<p>" + paragraph.map(inline).join("<br>") + "</p>"); paragraph = []; }
            if (list) { html.push("</" + list + ">"); list = null; }
        }
        markdown.split(/\r?\n/).forEach(function (line) {
            var heading = /^(#{1,6})\s+(.*)$/.exec(line);
            var item = /^\s*(?:([-*+])|\d+[.)])\s+(.*)$/.exec(line);
            if (heading) {
                flush();
                html.push("<h" + heading[1].length + ">" + inline(heading[2]) + "</h" + heading[1].length + ">");
            } else if (item) {
                var kind = item[1] ? "ul" : "ol";
                if (paragraph.length || list !== kind) { flush(); html.push("<" + kind + ">"); list = kind; }
                html.push("<li>" + inline(item[2]) + "</li>");
            } else if (line.trim() === "") {
                flush();
            } else {
                if (list) { flush(); }
                paragraph.push(line);
            }
        });
        flush();
        return html.join("");
    }
    function update() { target.innerHTML = render(source.value); }
    source.addEventListener("input", update);
    update();
};
