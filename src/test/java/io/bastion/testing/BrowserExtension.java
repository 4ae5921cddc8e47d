package io.bastion.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Drives a {@link BastionTest} through real headless Chromium: injects a fresh {@link Page} (in its own
 * browser context, with Bastion's address as base URL) and its {@link BrowserConsole} into each test.
 *
 * <p>The browser is Debian's {@code chromium} ({@value #CHROMIUM_DEFAULT}, or {@code BASTION_CHROMIUM}),
 * launched once per test JVM on first use and closed when the test run ends; Playwright never downloads
 * a browser. When a test fails its page is saved to {@code target/screenshots/<class>.<method>.png}.
 */
public final class BrowserExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    static final String CHROMIUM_DEFAULT = "/usr/bin/chromium";
    static final double ACTION_TIMEOUT_MILLIS = 10_000;
    static final double NAVIGATION_TIMEOUT_MILLIS = 30_000;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public void beforeEach(ExtensionContext extension) {
        String baseUrl = SpringExtension.getApplicationContext(extension).getBean(TestClient.class).uri("/").toString();
        Chromium chromium = extension.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Chromium.class, type -> Chromium.launch(), Chromium.class);
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl).setLocale("en-GB").setTimezoneId("UTC"));
        context.setDefaultTimeout(ACTION_TIMEOUT_MILLIS);
        context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MILLIS);
        Page page = context.newPage();
        extension.getStore(NAMESPACE).put(Tab.class, new Tab(context, page, BrowserConsole.watch(page)));
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        Tab tab = extension.getStore(NAMESPACE).remove(Tab.class, Tab.class);
        if (tab == null) {
            return;
        }
        try {
            if (extension.getExecutionException().isPresent()) {
                screenshot(tab.page(), extension);
            }
        } finally {
            tab.context().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserConsole.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Tab tab = Objects.requireNonNull(extension.getStore(NAMESPACE).get(Tab.class, Tab.class),
                "a browser page exists only inside a test method");
        return parameter.getParameter().getType() == Page.class ? tab.page() : tab.console();
    }

    private static void screenshot(Page page, ExtensionContext extension) {
        String name = extension.getRequiredTestClass().getSimpleName() + "." + extension.getRequiredTestMethod().getName();
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        } catch (RuntimeException e) {
            // A screenshot is a diagnosis aid; failing to take one must not replace the test's own failure.
            extension.getExecutionException().orElseThrow().addSuppressed(e);
        }
    }

    /** One test's browser context and page. */
    private record Tab(BrowserContext context, Page page, BrowserConsole console) {
    }

    /** The test JVM's one Playwright driver and Chromium process. */
    private record Chromium(Playwright playwright, Browser browser) implements AutoCloseable {

        static Chromium launch() {
            // Also passed to the driver directly, so a run outside Maven (an IDE) never downloads either.
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            try {
                return new Chromium(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable()).setHeadless(true).setArgs(arguments())));
            } catch (RuntimeException e) {
                playwright.close();
                throw e;
            }
        }

        static Path executable() {
            String configured = System.getenv("BASTION_CHROMIUM");
            Path executable = Path.of(configured == null || configured.isBlank() ? CHROMIUM_DEFAULT : configured);
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException("Chromium not found at " + executable
                        + "; install Debian's chromium package or set BASTION_CHROMIUM");
            }
            return executable;
        }

        /**
         * Quiet, offline Chromium flags, plus a pin on the public key of the certificate Bastion generated
         * for this test JVM: Chromium accepts that one self-signed certificate and rejects every other
         * certificate error, which Playwright's all-or-nothing {@code ignoreHTTPSErrors} could not do.
         */
        static List<String> arguments() {
            List<String> arguments = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"));
            arguments.add("--ignore-certificate-errors-spki-list="
                    + publicKeyPin(TestDataDirectory.path().resolve("tls/certificate.pem")));
            return arguments;
        }

        /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's switch expects. */
        static String publicKeyPin(Path certificate) {
            try (InputStream in = Files.newInputStream(certificate)) {
                byte[] publicKey = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey().getEncoded();
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }
}
