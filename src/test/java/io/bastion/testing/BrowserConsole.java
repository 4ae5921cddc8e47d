package io.bastion.testing;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong in a page as the browser saw it: console errors (Chromium reports each Content Security
 * Policy violation there), uncaught script errors and failed requests, so a test can assert there were none.
 */
public final class BrowserConsole {

    static final int PROBLEMS_MAX = 200;
    private final List<String> problems = new ArrayList<>();

    private BrowserConsole() {
    }

    /** Starts recording the problems of the given page. */
    public static BrowserConsole watch(Page page) {
        BrowserConsole console = new BrowserConsole();
        page.onConsoleMessage(message -> {
            // Chromium fetches /favicon.ico by itself, whatever the page says; its 404 is not the page's error.
            if (message.location().contains("/favicon.ico")) {
                return;
            }
            if ("error".equals(message.type()) || message.text().contains("Refused to")) {
                console.record(message.type() + ": " + message.text() + " (" + message.location() + ")");
            }
        });
        page.onPageError(error -> console.record("uncaught: " + error));
        page.onRequestFailed(request -> console.record("request failed: " + request.url() + " " + request.failure()));
        return console;
    }

    /** The problems recorded so far, oldest first (at most {@value #PROBLEMS_MAX}). */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Only the Content Security Policy violations among the problems (older Chromium says "Refused to"). */
    public synchronized List<String> policyViolations() {
        return problems.stream().filter(problem -> problem.contains("Refused to")
                || problem.contains("Content Security Policy") || problem.contains("ERR_BLOCKED_BY_CSP")).toList();
    }

    private synchronized void record(String problem) {
        if (problems.size() < PROBLEMS_MAX) {
            problems.add(problem);
        }
    }
}
