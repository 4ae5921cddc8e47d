package io.bastion.notification.web;

import io.bastion.notification.DevInbox;
import io.bastion.notification.EmailMessage;
import io.bastion.notification.InboxMessage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dev inbox: the SMS and e-mail Bastion would have sent, newest first, as a page and as JSON.
 * Only in the dev profile, and only to callers on this machine, because the messages hold live codes.
 */
@Controller
@Profile("dev")
class DevInboxController {

    private final DevInbox inbox;

    DevInboxController(DevInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    @GetMapping("/dev/inbox")
    String page(HttpServletRequest request, Model model) {
        requireLocal(request);
        model.addAttribute("messages", inbox.newest());
        model.addAttribute("limit", DevInbox.MESSAGES_MAX);
        return "dev/inbox";
    }

    @GetMapping("/dev/inbox.json")
    @ResponseBody
    ResponseEntity<List<InboxMessage>> json(HttpServletRequest request,
            @RequestParam(required = false) @Size(min = 1, max = EmailMessage.ADDRESS_LENGTH_MAX) String to) {
        requireLocal(request);
        List<InboxMessage> messages = to == null ? inbox.newest() : inbox.newestTo(recipient(to));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(messages);
    }

    /** An unencoded {@code +} in a query string arrives as a space, so {@code ?to=+4477...} still finds the number. */
    static String recipient(String to) {
        return to.startsWith(" ") ? "+" + to.substring(1) : to;
    }

    /** A dev server reachable from a network must not hand one-time codes to whoever asks. */
    static void requireLocal(HttpServletRequest request) {
        try {
            if (InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
                return;
            }
        } catch (UnknownHostException e) {
            // A remote address that is not an IP literal is not local either.
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
