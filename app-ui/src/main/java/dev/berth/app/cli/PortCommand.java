package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.PublishedPort;
import dev.berth.engine.project.ComposeRuntime;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "port", description = "Print the host address a service's container port is published on.")
final class PortCommand extends EngineCommand {

    @Option(names = "--protocol", defaultValue = "tcp", description = "tcp or udp (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--index", defaultValue = "1", description = "Replica number when the service is scaled (default: ${DEFAULT-VALUE})")
    int index;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "PRIVATE_PORT")
    int privatePort;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        Optional<PublishedPort> port = runtime.port(p, service, privatePort, protocol, index);
        if (port.isEmpty()) {
            throw new UserFacingException("port " + privatePort + "/" + protocol + " of service " + service
                    + " is not published (add it under ports: in the compose file)");
        }
        out().println((port.get().hostIp().isEmpty() ? "0.0.0.0" : port.get().hostIp()) + ":" + port.get().hostPort());
        out().flush();
        return 0;
    }
}
