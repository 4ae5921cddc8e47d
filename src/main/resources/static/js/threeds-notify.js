// Sends the final CRes of a finished 3-D Secure challenge to the requestor's notification URL at once;
// the Continue button does the same without JavaScript.
(function () {
  var form = document.getElementById('notify');
  if (form) {
    form.submit();
  }
})();
