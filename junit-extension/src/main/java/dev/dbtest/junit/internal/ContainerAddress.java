package dev.dbtest.junit.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Where the tests reach a container: at the container's own address on its Docker network when that network is one
 * of this machine's (Docker Engine on Linux), else at the port Docker published.
 *
 * <p>A published port on the loopback address goes through Docker's port proxy, a process that copies every packet
 * between two sockets: a round trip through it took 115-150 µs here, against 32-38 µs to the container's own address
 * (pgbench, {@code SELECT 1}). Every statement of every test pays it, and a statement in emulated auto-commit mode
 * pays it twice (its savepoint's answer is a packet of its own). The direct address is used only when the network's
 * gateway is an address of this machine, so that it is surely Docker's bridge here and not a host elsewhere that
 * happens to have the same private address, and only when PostgreSQL answers there ({@link PostgresProbe}), each ask
 * given {@value #PROBE_MILLIS} ms. With Docker Desktop, a remote or a rootless Docker, the gateway is not this
 * machine's: the published port is used, as before.
 */
public final class ContainerAddress {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerAddress.class);

    /** How long the check that the container's own address answers may take. */
    static final int PROBE_MILLIS = 250;
    /**
     * How long a refused connection, or one closed before PostgreSQL's answer, is tried again. The server listens
     * before it logs that it is ready, which the start waits for, so a refusal should be rare and final (a firewall's
     * reject); this covers a server that is a moment from listening all the same, as when an entrypoint's temporary
     * server logged the line.
     */
    static final long REFUSED_PATIENCE_MILLIS = 1_000;

    private ContainerAddress() {
    }

    /**
     * Returns {@code publishedUrl} with its host and port replaced by the container's own address and {@code port},
     * when that address can be used (see the class comment); else {@code publishedUrl} itself.
     *
     * @param publishedUrl a URL of the form {@code jdbc:postgresql://host:port/database?...}
     * @param inspected the running container
     * @param port the port the server listens on inside the container
     */
    public static String jdbcUrl(String publishedUrl, InspectContainerResponse inspected, int port) {
        Map<String, ContainerNetwork> networks = inspected.getNetworkSettings() == null ? null
                : inspected.getNetworkSettings().getNetworks();
        List<Network> candidates = networks == null ? List.of() : networks.values().stream()
                .map(network -> new Network(network.getIpAddress(), network.getGateway())).toList();
        String direct = directAddress(candidates, port);
        return direct == null ? publishedUrl : withAuthority(publishedUrl, direct, port);
    }

    /** A network the container is on: its address there, and the network's gateway. */
    record Network(String address, String gateway) {
    }

    /** The first address of the container on a network of this machine that answers on {@code port}, or null. */
    static String directAddress(List<Network> networks, int port) {
        for (Network network : networks) {
            String address = network.address();
            if (address != null && !address.isBlank() && isThisMachine(network.gateway()) && answers(address, port)) {
                return address;
            }
        }
        return null;
    }

    /** Whether {@code address} (a literal IP address, never a name to look up) is one of this machine's. */
    static boolean isThisMachine(String address) {
        if (address == null || !address.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:]*")) {
            return false;
        }
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    static boolean answers(String address, int port) {
        return answers(address, port, REFUSED_PATIENCE_MILLIS);
    }

    /**
     * Whether a PostgreSQL server answers at {@code address:port} ({@link PostgresProbe}). A refusal, or a connection
     * closed before the answer, is tried again for up to {@code patienceMillis}: the address is reached, but the server
     * in the container may not listen yet. No answer within {@link #PROBE_MILLIS} is final: the address is not
     * reached from here.
     */
    static boolean answers(String address, int port, long patienceMillis) {
        PostgresProbe.Answer answer = PostgresProbe.await(address, port, PROBE_MILLIS, patienceMillis,
                tried -> tried == PostgresProbe.Answer.REFUSED || tried == PostgresProbe.Answer.CLOSED, () -> false)
                .last();
        if (answer == PostgresProbe.Answer.REFUSED || answer == PostgresProbe.Answer.CLOSED) {
            LOG.info("dbtest: PostgreSQL did not answer at the container's own address {}:{} for {} ms ({}); using "
                    + "the port Docker published instead", address, port, patienceMillis, answer.description());
        }
        return answer == PostgresProbe.Answer.ANSWERED;
    }

    /** {@code url} ({@code jdbc:postgresql://host:port/...}) with {@code host:port} replaced. */
    static String withAuthority(String url, String host, int port) {
        String scheme = "jdbc:postgresql://";
        if (!url.startsWith(scheme)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        int end = url.indexOf('/', scheme.length());
        int query = url.indexOf('?', scheme.length());
        if (query >= 0 && (end < 0 || query < end)) {
            end = query; // jdbc:postgresql://host:port?options: no database named
        }
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return scheme + authority + (end < 0 ? "" : url.substring(end));
    }
}
