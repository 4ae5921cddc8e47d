package io.bastion.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

class DevInboxControllerTests {

    @Test
    void theInboxIsHiddenFromCallersOnOtherMachines() {
        for (String address : new String[] {"203.0.113.7", "10.0.0.2", "2001:db8::1"}) {
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.setRemoteAddr(address);

            assertThatThrownBy(() -> DevInboxController.requireLocal(request)).as(address)
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
        }
    }

    @Test
    void theInboxIsOpenToCallersOnThisMachine() {
        for (String address : new String[] {"127.0.0.1", "::1"}) {
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.setRemoteAddr(address);

            assertThatCode(() -> DevInboxController.requireLocal(request)).as(address).doesNotThrowAnyException();
        }
    }

    @Test
    void anUnencodedPlusInTheRecipientFilterStillMeansPlus() {
        assertThat(DevInboxController.recipient(" 447700900123")).isEqualTo("+447700900123");
        assertThat(DevInboxController.recipient("+447700900123")).isEqualTo("+447700900123");
        assertThat(DevInboxController.recipient("jane@example.com")).isEqualTo("jane@example.com");
    }
}
