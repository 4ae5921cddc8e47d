package io.bastion.platform;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every module may inject: the clock and the data directory. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DataDirectory dataDirectory(@Value("${" + DataDirectory.PROPERTY + ":" + DataDirectory.DEFAULT + "}") String dir) {
        return DataDirectory.of(dir);
    }
}
