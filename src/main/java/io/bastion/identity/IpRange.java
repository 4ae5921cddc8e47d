package io.bastion.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of client addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare
 * address is a block of one. Only address literals are accepted, so parsing never asks DNS.
 */
public record IpRange(byte[] network, int prefixBits) {

    static final int TEXT_LENGTH_MAX = 50;
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    public IpRange {
        network = network.clone();
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Parses a CIDR block or a bare address; empty when the text is not one. */
    public static Optional<IpRange> parse(String text) {
        if (text == null || text.isBlank() || text.length() > TEXT_LENGTH_MAX) {
            return Optional.empty();
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            return Optional.empty();
        }
        Optional<byte[]> address = literal(parts[0]);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int maxBits = address.get().length * 8;
        int bits = maxBits;
        if (parts.length == 2) {
            if (!parts[1].matches("^[0-9]{1,3}$") || Integer.parseInt(parts[1]) > maxBits) {
                return Optional.empty();
            }
            bits = Integer.parseInt(parts[1]);
        }
        return Optional.of(new IpRange(masked(address.get(), bits), bits));
    }

    /** True when the client address (as the servlet container reports it) lies in this block. */
    public boolean contains(String clientAddress) {
        Optional<byte[]> address = literal(clientAddress == null ? "" : clientAddress.trim());
        return address.isPresent() && address.get().length == network.length
                && Arrays.equals(masked(address.get(), prefixBits), network);
    }

    /** The canonical text: the network address and its prefix length. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefixBits == prefixBits && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixBits;
    }

    private static Optional<byte[]> literal(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.contains(":") && IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            // A literal (checked above) is parsed without any name lookup.
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] masked(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.clamp(bits - i * 8L, 0, 8);
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }
}
