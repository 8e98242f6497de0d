package dev.berth.engine.api;

/** A port the engine publishes on the host: hostIp:hostPort -> containerPort/protocol. */
public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {

    /** An address a browser can open, e.g. {@code http://127.0.0.1:8000}. */
    public String url() {
        String host = hostIp == null || hostIp.isEmpty() || hostIp.equals("0.0.0.0") ? "127.0.0.1"
                : hostIp.equals("::") ? "[::1]" : hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return "http://" + host + ":" + hostPort;
    }
}
