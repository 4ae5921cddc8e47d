package io.bastion.web;

import io.bastion.identity.ApiKeys;
import io.bastion.identity.ApiScope;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The HTTP security rules. API routes under {@code /v1} and the metrics endpoint need an API key
 * with the right scope; only the health check, security.txt, problem pages and static assets are
 * public. Browser sessions arrive with the identity issue.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys, Problems problems) throws Exception {
        http.securityMatcher("/v1/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.disable())
                .addFilterBefore(new ApiKeyFilter(apiKeys, problems), AnonymousAuthenticationFilter.class)
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
                        .requestMatchers("/v1/audit/**").hasAuthority(ApiScope.AUDIT.authority())
                        .requestMatchers("/v1/ledger/**").hasAuthority(ApiScope.LEDGER.authority())
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    SecurityFilterChain pageSecurity(HttpSecurity http, Problems problems) throws Exception {
        http.csrf(org.springframework.security.config.Customizer.withDefaults())
                .headers(headers -> headers.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(response,
                                problems.of(ProblemType.UNAUTHORIZED, "Sign in first."), Map.of()))
                        .accessDeniedHandler((request, response, ex) -> problems.write(response,
                                problems.of(ProblemType.FORBIDDEN, "This action is not allowed."), Map.of())))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
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
