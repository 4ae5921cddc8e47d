package io.bastion.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.util.Objects;

/**
 * A WebAuthn authenticator inside Chromium (through the DevTools protocol), so passkey flows run without
 * hardware: a CTAP2 platform authenticator with resident keys whose user is always verified and present.
 */
public record VirtualAuthenticator(CDPSession session, String id) {

    public VirtualAuthenticator {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(id, "id");
    }

    /** Adds a virtual authenticator to the page's browser context. */
    public static VirtualAuthenticator attach(Page page) {
        CDPSession session = page.context().newCDPSession(page);
        JsonObject enable = new JsonObject();
        enable.addProperty("enableUI", false);
        session.send("WebAuthn.enable", enable);
        JsonObject options = new JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        options.addProperty("automaticPresenceSimulation", true);
        JsonObject parameters = new JsonObject();
        parameters.add("options", options);
        String id = session.send("WebAuthn.addVirtualAuthenticator", parameters).get("authenticatorId").getAsString();
        return new VirtualAuthenticator(session, id);
    }

    /** The credentials (passkeys) the authenticator holds, as the DevTools protocol describes them. */
    public JsonArray credentials() {
        return session.send("WebAuthn.getCredentials", authenticator()).getAsJsonArray("credentials");
    }

    /** Whether the authenticator reports the user as verified (a failed biometric check when false). */
    public void userVerified(boolean verified) {
        JsonObject parameters = authenticator();
        parameters.addProperty("isUserVerified", verified);
        session.send("WebAuthn.setUserVerified", parameters);
    }

    private JsonObject authenticator() {
        JsonObject parameters = new JsonObject();
        parameters.addProperty("authenticatorId", id);
        return parameters;
    }
}
