// The console's small scripts: no framework, no CDN. Pages add their own behaviour with data- attributes.
(function () {
    "use strict";
    window.outreach = window.outreach || {};
})();
