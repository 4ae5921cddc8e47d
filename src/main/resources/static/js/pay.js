// The hosted payment page's only script (its SHA-384 is in the page's Content-Security-Policy).
// It groups the card number in fours, puts the slash in the expiry, checks the number's Luhn digit before
// sending, and stops a second click from sending the form twice. The page works without it.
(function () {
  'use strict';
  var form = document.getElementById('card-form');
  if (!form) {
    return;
  }
  var number = document.getElementById('number');
  var expiry = document.getElementById('expiry');
  var button = document.getElementById('pay');

  function digits(value) {
    return value.replace(/\D/g, '');
  }

  function luhn(value) {
    var sum = 0;
    var twice = false;
    for (var i = value.length - 1; i >= 0; i--) {
      var d = value.charCodeAt(i) - 48;
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return value.length >= 13 && value.length <= 19 && sum % 10 === 0;
  }

  function showError(input, text) {
    var id = input.id + '-error';
    var p = document.getElementById(id);
    if (!p) {
      p = document.createElement('p');
      p.id = id;
      p.className = 'field-error';
      input.insertAdjacentElement('afterend', p);
    }
    p.textContent = text;
    input.setAttribute('aria-invalid', 'true');
  }

  number.addEventListener('input', function () {
    var d = digits(number.value).slice(0, 19);
    number.value = d.replace(/(\d{4})(?=\d)/g, '$1 ');
  });

  expiry.addEventListener('input', function () {
    var d = digits(expiry.value).slice(0, 4);
    expiry.value = d.length > 2 ? d.slice(0, 2) + '/' + d.slice(2) : d;
  });

  form.addEventListener('submit', function (event) {
    if (!luhn(digits(number.value))) {
      event.preventDefault();
      showError(number, 'This card number is not valid. Check it for typing mistakes.');
      number.focus();
      return;
    }
    if (form.getAttribute('data-sent') === 'true') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sent', 'true');
    button.disabled = true;
    button.textContent = 'Paying…';
  });
})();
