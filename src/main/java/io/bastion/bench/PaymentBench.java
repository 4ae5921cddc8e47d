package io.bastion.bench;

import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentIntents;
import io.bastion.acquiring.PaymentOutcome;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.issuing.AuthorizationRequest;
import io.bastion.issuing.Issuing;
import io.bastion.vault.CardNumber;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The on-us payment phases: (p0) the issuer core alone, {@code Issuing.authorize} of an in-store payment; (p1)
 * the hosted payment page's whole path for a Bastion card with frictionless 3-D Secure, closed loop, for the
 * maximum rate; (p2) the same path open loop at half of (p1)'s rate, latency counted from each payment's
 * scheduled start so that queueing shows. Each phase starts from a checkpoint ({@link Resources#checkpoint}), then
 * warms up.
 */
final class PaymentBench {

    static final Set<String> PHASES = Set.of("p0", "p1", "p2", "a1", "a2");
    /**
     * Authorizations prepared per second of an authorization phase (warm-up and measurement together); warm and from
     * a checkpoint, (a1) reaches about 650/s with G1.
     */
    static final int PREPARED_PER_SECOND = 800;
    /** Enough virtual-thread clients to keep two cores busy through the database waits of a payment. */
    static final int CLIENTS = 32;
    /** One card per client; the open loop picks cards at random. */
    static final int CARDHOLDERS = CLIENTS;
    static final long AMOUNT_MIN_MINOR = 100;
    /** The ACS's frictionless limit (bastion.threeds.frictionless-amount-max); above it every payment is challenged. */
    static final long AMOUNT_MAX_MINOR = 3_000;
    static final double P99_GOAL_MILLIS = 30;
    static final String FLOW_FRICTIONLESS = "frictionless";
    /**
     * An open-loop (latency) phase warms up at its own rate for this many phase lengths: the JIT compiler is still
     * compiling the payment path seconds after the closed-loop phase, and on two cores a compilation competes with
     * the payments for CPU. The JIT time left in the measured phase is reported.
     */
    static final int OPEN_WARM_UP_PHASES = 3;
    /**
     * (a1) warms up for this many phase lengths, (p1) for one. After a warm-up of half a phase, as before, the JIT
     * compiler still took 8 to 10 s of CPU within (a1)'s 10 s on two cores, so (a1) measured 374 to 462/s where
     * warm code (after the (p) phases) gives about 540/s, and (a2), at half of it, ran at too low a rate.
     */
    static final int MAXIMUM_WARM_UP_PHASES = 4;

    /**
     * What a payment phase measured, with the payments that were not frictionless or not approved and the JIT
     * compilation time spent during the measurement.
     */
    record Result(PhaseResult phase, int clients, double targetRate, long notFrictionless, long declined, long jitMillis) {
    }

    private final Cardholders setup;
    private final PaymentIntents intents;
    private final Issuing issuing;
    private final BenchOptions options;
    private final Resources resources;
    private final PrintStream out;
    private final LongAdder notFrictionless = new LongAdder();
    private final LongAdder declined = new LongAdder();
    private final AtomicLong orders = new AtomicLong();
    private final java.util.Queue<Prepared> prepared = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private String merchantId;
    private List<Cardholders.Cardholder> cardholders;

    PaymentBench(ConfigurableApplicationContext context, BenchOptions options, Resources resources, String run,
                 PrintStream out) {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        this.setup = new Cardholders(context, "https://localhost:" + port, run);
        this.intents = context.getBean(PaymentIntents.class);
        this.issuing = context.getBean(Issuing.class);
        this.options = options;
        this.resources = resources;
        this.out = out;
    }

    List<Result> run() throws Exception {
        long began = System.nanoTime();
        merchantId = setup.merchant();
        cardholders = setup.cardholders(merchantId, CARDHOLDERS);
        out.printf("payments: a merchant and %d cardholders set up, each with one challenged payment, in %.1f s%n",
                CARDHOLDERS, (System.nanoTime() - began) / 1e9);
        List<Result> results = new ArrayList<>();
        if (options.phases().contains("p0")) {
            results.add(closed("(p0)", "Issuing.authorize in store (no CVV, no 3DS), " + CLIENTS + " clients",
                    options.warmUp(), (client, random) -> inStore(cardholders.get(client % CARDHOLDERS), random)));
        }
        Result max = null;
        if (options.phases().contains("p1") || options.phases().contains("p2")) {
            // The payment path is a lot of code (vault crypto, 3DS JSON, issuer, ledger): it warms up for a whole phase.
            max = closed("(p1)", "on-us payment, frictionless 3DS, closed loop, " + CLIENTS + " clients",
                    options.phase(), (client, random) -> pay(cardholders.get(client % CARDHOLDERS), random));
            if (options.phases().contains("p1")) {
                results.add(max);
            }
        }
        if (options.phases().contains("p2")) {
            results.add(open(options.openRate(max.phase().transfersPerSecond())));
        }
        if (options.phases().contains("a1") || options.phases().contains("a2")) {
            Duration warmUp = options.phase().multipliedBy(MAXIMUM_WARM_UP_PHASES);
            prepare((int) (PREPARED_PER_SECOND * (warmUp.toSeconds() + options.phase().toSeconds() + 1)));
            Result auth = closed("(a1)", "on-us authorization, frictionless 3DS, closed loop, " + CLIENTS + " clients",
                    warmUp, (client, random) -> authorize());
            if (options.phases().contains("a1")) {
                results.add(auth);
            }
            if (options.phases().contains("a2")) {
                double rate = options.openRate(auth.phase().transfersPerSecond());
                prepared.clear();
                prepare((int) (rate * (openWarmUp().toSeconds() + options.phase().toSeconds() + 1)) + CLIENTS);
                results.add(openAuthorizations(rate));
            }
        }
        return results;
    }

    private Result closed(String label, String description, Duration warmUp, LoadRun.Call call) throws Exception {
        out.printf("%s %s ...%n", label, description);
        resources.checkpoint();
        LoadRun.run(CLIENTS, true, warmUp, call);
        notFrictionless.reset();
        declined.reset();
        Resources.Snapshot before = resources.take(List.of());
        long jit = jitMillis();
        LoadRun.Outcome outcome = LoadRun.run(CLIENTS, true, options.phase(), call);
        jit = jitMillis() - jit;
        Resources.Snapshot after = resources.take(List.of());
        return new Result(new PhaseResult(label, description, outcome, after.minus(before), Double.NaN), CLIENTS,
                Double.NaN, notFrictionless.sum(), declined.sum(), jit);
    }

    private Result open(double rate) throws Exception {
        return open("(p2)", String.format(Locale.ROOT, "on-us payment, frictionless 3DS, open loop at %.0f/s (%s)", rate,
                        rateSource("p1")),
                rate, (arrival, random) -> pay(cardholders.get(random.nextInt(CARDHOLDERS)), random));
    }

    /** An open-loop phase: a warm-up, then arrivals at {@code rate} measured from their scheduled start. */
    private Result open(String label, String description, double rate, LoadRun.Call call) throws Exception {
        out.printf("%s %s ...%n", label, description);
        resources.checkpoint();
        OpenLoad.run(rate, openWarmUp(), call);
        notFrictionless.reset();
        declined.reset();
        Resources.Snapshot before = resources.take(List.of());
        long jit = jitMillis();
        LoadRun.Outcome outcome = OpenLoad.run(rate, options.phase(), call);
        jit = jitMillis() - jit;
        Resources.Snapshot after = resources.take(List.of());
        return new Result(new PhaseResult(label, description, outcome, after.minus(before), Double.NaN), 0, rate,
                notFrictionless.sum(), declined.sum(), jit);
    }

    /** Where an open-loop phase's rate came from: half of its closed-loop phase's maximum, or {@code --rate}. */
    private String rateSource(String maximumPhase) {
        return Double.isNaN(options.openRate()) ? maximumPhase + "/2" : "--rate";
    }

    private Duration openWarmUp() {
        return options.phase().multipliedBy(OPEN_WARM_UP_PHASES);
    }

    /** The JIT compilers' accumulated time, or 0 where the JVM does not tell. */
    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** A card typed on the page and the Pay button not yet pressed: the intent, its vault token and held CVV2. */
    private record Prepared(PaymentIntent intent, io.bastion.vault.CardToken token, Cardholders.Cardholder holder) {
    }

    /**
     * Prepares what the customer does before pressing Pay (the merchant's intent, with manual capture, and the
     * card typed into the vault with its CVV2 held), outside the measured time, on the same 32 clients.
     */
    private void prepare(int count) throws Exception {
        long began = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(count);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (left.getAndDecrement() > 0) {
                        Cardholders.Cardholder holder = cardholders.get(random.nextInt(CARDHOLDERS));
                        PaymentIntent intent = intents.create(merchantId, setup.authorizationIntent(amount(random), holder,
                                Long.toString(orders.incrementAndGet())));
                        prepared.add(new Prepared(intent, setup.typeCard(holder), holder));
                    }
                    return null;
                }));
            }
            for (var worker : workers) {
                worker.get();
            }
        }
        out.printf(Locale.ROOT, "authorizations: %d intents with their cards prepared in %.1f s%n", count,
                (System.nanoTime() - began) / 1e9);
    }

    /**
     * The customer presses Pay: the hosted page's payOnPage from the known device, i.e. 3-D Secure (3DS Server,
     * Directory Server, ACS: frictionless) and the on-us authorization (issuer checks, value verification, hold on
     * the wallet, acquiring's hold); manual capture, so nothing is captured. Answers 1 when authorized frictionless.
     */
    private int authorize() {
        Prepared p = prepared.poll();
        if (p == null) {
            throw new IllegalStateException("the prepared authorizations ran out; raise PREPARED_PER_SECOND");
        }
        return counted(setup.press(p.intent(), p.token(), p.holder()), PaymentStatus.REQUIRES_CAPTURE);
    }

    /** Answers 1 for a frictionless payment that reached {@code expected}; counts the others by why. */
    private int counted(PaymentOutcome outcome, PaymentStatus expected) {
        PaymentIntent after = outcome.intent();
        if (after == null || !FLOW_FRICTIONLESS.equals(after.threeDs().flow())) {
            notFrictionless.increment();
            return 0;
        }
        if (after.status() != expected) {
            declined.increment();
            return 0;
        }
        return 1;
    }

    private Result openAuthorizations(double rate) throws Exception {
        return open("(a2)", String.format(Locale.ROOT, "on-us authorization, frictionless 3DS, open loop at %.0f/s (%s)",
                        rate, rateSource("a1")),
                rate, (arrival, random) -> authorize());
    }

    /** The issuer core alone: a card-present payment by number and expiry; answers 1 when approved. */
    private int inStore(Cardholders.Cardholder holder, ThreadLocalRandom random) {
        boolean approved = issuing.authorize(new AuthorizationRequest(
                "auth_" + UUID.randomUUID().toString().replace("-", ""), CardNumber.of(holder.number()), null,
                Optional.of(holder.expiry()), Optional.empty(), amount(random), Cardholders.CURRENCY, "Corner Shop",
                "GB", "5999", false, Optional.empty())).approved();
        if (!approved) {
            declined.increment();
        }
        return approved ? 1 : 0;
    }

    /**
     * The merchant creates an intent, the customer types the card on the hosted page (tokenize, hold the CVV)
     * and pays from their known device; answers 1 when the payment succeeded frictionless.
     */
    private int pay(Cardholders.Cardholder holder, ThreadLocalRandom random) {
        PaymentIntent intent = intents.create(merchantId, setup.intent(amount(random), holder,
                Long.toString(orders.incrementAndGet())));
        return counted(setup.payOnPage(intent, holder), PaymentStatus.SUCCEEDED);
    }

    private static long amount(ThreadLocalRandom random) {
        return random.nextLong(AMOUNT_MIN_MINOR, AMOUNT_MAX_MINOR + 1);
    }
}
