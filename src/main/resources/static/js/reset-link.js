// The reset link's token is in this page's address; replace the address so the token does not stay in
// the browser's history or address bar. The form carries the token on in a hidden field.
(function () {
  "use strict";
  if (window.location.pathname.indexOf("/password/reset/") === 0 && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", "/password/reset");
  }
})();
