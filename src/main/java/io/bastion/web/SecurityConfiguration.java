package io.bastion.web;

import io.bastion.identity.ApiKeys;
import io.bastion.identity.ApiScope;
import io.bastion.identity.PortalAuthorities;
import io.bastion.identity.SessionDirectory;
import io.bastion.identity.SessionLimitsFilter;
import io.bastion.identity.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The HTTP security rules. API routes under {@code /v1} and the metrics endpoint need an API key
 * with the right scope; only the health check, security.txt, problem pages and static assets are
 * public. Browser sessions arrive with the identity issue. Administrative commands run without a web
 * server, so without these rules.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    /** Portal pages that need a fully signed-in customer or member of staff. */
    static final String[] PROTECTED_PAGES = {"/account", "/account/**", "/security", "/security/**", "/session/**",
        "/business", "/business/**", "/confirm/**", "/support", "/support/**", "/wallet", "/wallet/**", "/cards", "/cards/**",
        "/merchant", "/merchant/**"};

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys, Problems problems,
                                    IdempotencyRecords idempotencyRecords) throws Exception {
        http.securityMatcher("/v1/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.disable())
                .addFilterBefore(new ApiKeyFilter(apiKeys, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new IdempotencyFilter(idempotencyRecords, problems), AuthorizationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(response,
                                problems.of(ProblemType.UNAUTHORIZED, "A valid API key is required."),
                                Map.of("WWW-Authenticate", "Bearer")))
                        .accessDeniedHandler((request, response, ex) -> problems.write(response,
                                problems.of(ProblemType.FORBIDDEN, "Your API key lacks the scope this action needs."), Map.of())))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAuthority(ApiScope.METRICS.authority())
                        .requestMatchers("/actuator/**").denyAll()
                        .requestMatchers("/v1/operator/api-keys", "/v1/operator/api-keys/**")
                                .hasAuthority(ApiScope.OPERATOR_KEYS.authority())
                        .requestMatchers("/v1/operator/staff", "/v1/operator/staff/**").hasAuthority(ApiScope.STAFF_ADMIN.authority())
                        .requestMatchers("/v1/audit/**").hasAuthority(ApiScope.AUDIT.authority())
                        .requestMatchers("/v1/ledger/**").hasAuthority(ApiScope.LEDGER.authority())
                        .requestMatchers("/v1/safeguarding/**").hasAuthority(ApiScope.SAFEGUARDING.authority())
                        .requestMatchers(HttpMethod.POST, "/v1/payment_intents", "/v1/payment_intents/**", "/v1/refunds",
                                "/v1/refunds/**", "/v1/webhook_endpoints", "/v1/webhook_endpoints/**", "/v1/payment_methods/**")
                                .hasAuthority(ApiScope.PAYMENTS_WRITE.authority())
                        .requestMatchers(HttpMethod.DELETE, "/v1/webhook_endpoints/**")
                                .hasAuthority(ApiScope.PAYMENTS_WRITE.authority())
                        .requestMatchers("/v1/payment_intents", "/v1/payment_intents/**", "/v1/refunds", "/v1/refunds/**",
                                "/v1/webhook_endpoints", "/v1/webhook_endpoints/**", "/v1/payment_methods", "/v1/payment_methods/**")
                                .hasAuthority(ApiScope.PAYMENTS_READ.authority())
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    SecurityFilterChain pageSecurity(HttpSecurity http, Problems problems, Clock clock, SessionDirectory sessions,
                                     @Value("${bastion.session.absolute:12h}") Duration absoluteMax) throws Exception {
        RequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        // The 3-D Secure notification is a cross-site POST by design (the ACS's page sends it); it carries no
        // authority of its own: the hosted page reads the outcome from the RReq the 3DS Server received.
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/pay/*/threeds"))
                .headers(headers -> headers.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedout")
                        .addLogoutHandler((request, response, auth) -> {
                            if (auth != null && auth.getPrincipal() instanceof SignedInUser user) {
                                sessions.signedOut(user.userId(), request.getRemoteAddr());
                            }
                        }))
                .addFilterAfter(new SessionLimitsFilter(absoluteMax, clock), SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browser)
                        .defaultAuthenticationEntryPointFor((request, response, ex) -> problems.write(response,
                                problems.of(ProblemType.UNAUTHORIZED, "Sign in first."), Map.of()), AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler((request, response, ex) -> problems.write(response,
                                problems.of(ProblemType.FORBIDDEN, "This action is not allowed."), Map.of())))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/security/policy").permitAll()
                        .requestMatchers("/login/second-factor", "/login/second-factor/**")
                                .hasAuthority(PortalAuthorities.STAGE_SECOND_FACTOR)
                        .requestMatchers("/security/two-factor", "/security/passkeys/options", "/security/passkeys").hasAnyAuthority(PortalAuthorities.STAGE_ENROL,
                                PortalAuthorities.ROLE_CUSTOMER, PortalAuthorities.ROLE_STAFF)
                        .requestMatchers(PROTECTED_PAGES).hasAnyAuthority(PortalAuthorities.ROLE_CUSTOMER, PortalAuthorities.ROLE_STAFF)
                        // Role authorities are granted only to fully signed-in staff (never at an earlier stage).
                        .requestMatchers("/staff/safeguarding", "/staff/safeguarding/**").hasAnyAuthority(
                                PortalAuthorities.ROLE_STAFF_PREFIX + "COMPLIANCE",
                                PortalAuthorities.ROLE_STAFF_PREFIX + "OPERATIONS_ADMIN")
                        .requestMatchers("/staff", "/staff/**").hasAuthority(PortalAuthorities.ROLE_STAFF)
                        // Everything else is a public page (sign-up, sign-in, problem pages) or does not exist (404).
                        .anyRequest().permitAll());
        return http.build();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(Problems problems) {
        return (request, response, ex) -> problems.write(response,
                problems.of(ProblemType.BAD_REQUEST, "The request address is not acceptable."), Map.of());
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(Problems problems) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
