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
