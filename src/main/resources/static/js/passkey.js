// Passkey ceremonies for buttons marked data-passkey="register" or "authenticate": fetch the options
// from Bastion, call the browser's WebAuthn API, post the result, then follow Bastion's redirect.
// The CSRF token comes from the button's data attributes (no inline script under the CSP).
(function () {
  "use strict";

  function decode(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function encode(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return window.btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  }

  function post(button, url, body) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    headers[button.getAttribute("data-csrf-header")] = button.getAttribute("data-csrf-token");
    return fetch(url, { method: "POST", headers: headers, credentials: "same-origin", body: JSON.stringify(body || {}) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (!response.ok) {
            if (answer.redirect) { window.location.assign(answer.redirect); }
            throw new Error(answer.error || "Something went wrong. Try again.");
          }
          return answer;
        });
      });
  }

  function descriptors(list) {
    return (list || []).map(function (c) { return { type: c.type, id: decode(c.id), transports: c.transports }; });
  }

  function register(button) {
    return post(button, button.getAttribute("data-options-url")).then(function (options) {
      options.challenge = decode(options.challenge);
      options.user.id = decode(options.user.id);
      options.excludeCredentials = descriptors(options.excludeCredentials);
      return navigator.credentials.create({ publicKey: options });
    }).then(function (credential) {
      var labelInput = document.getElementById("passkey-label");
      var response = credential.response;
      return post(button, button.getAttribute("data-submit-url"), {
        credential: {
          id: credential.id,
          rawId: encode(credential.rawId),
          response: {
            attestationObject: encode(response.attestationObject),
            clientDataJSON: encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : []
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        },
        label: labelInput ? labelInput.value : ""
      });
    });
  }

  function authenticate(button) {
    return post(button, button.getAttribute("data-options-url")).then(function (options) {
      options.challenge = decode(options.challenge);
      options.allowCredentials = descriptors(options.allowCredentials);
      return navigator.credentials.get({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return post(button, button.getAttribute("data-submit-url"), {
        id: credential.id,
        rawId: encode(credential.rawId),
        response: {
          authenticatorData: encode(response.authenticatorData),
          clientDataJSON: encode(response.clientDataJSON),
          signature: encode(response.signature),
          userHandle: response.userHandle ? encode(response.userHandle) : undefined
        },
        type: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      });
    });
  }

  function showError(message) {
    var box = document.getElementById("passkey-error");
    if (box) {
      box.textContent = message;
      box.classList.remove("hidden");
    }
  }

  document.querySelectorAll("button[data-passkey]").forEach(function (button) {
    if (!window.PublicKeyCredential) {
      button.disabled = true;
      return;
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      var ceremony = button.getAttribute("data-passkey") === "register" ? register : authenticate;
      ceremony(button).then(function (answer) {
        window.location.assign(answer.redirect);
      }).catch(function (error) {
        button.disabled = false;
        showError(error && error.name === "NotAllowedError" ? "The passkey request was cancelled or timed out." : error.message);
      });
    });
  });
})();
