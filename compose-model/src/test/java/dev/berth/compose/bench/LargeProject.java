package dev.berth.compose.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated project of {@code n} services that uses every kind of field Berth reads: strings, numbers,
 * booleans, lists, mappings, short and long port and volume syntax, depends_on conditions, networks with
 * aliases, healthchecks, build sections, labels in both forms, extensions, and top-level networks,
 * volumes, secrets and configs. It is valid and warns about nothing once {@link #write} has made its bind
 * sources, so a load exercises every stage without stopping early.
 */
public final class LargeProject {

    private LargeProject() {
    }

    public static String text(int services) {
        StringBuilder sb = new StringBuilder(services * 900);
        sb.append("# generated: ").append(services).append(" services\nname: large\n\n");
        sb.append("x-common:\n  restart: unless-stopped\n\nservices:\n");
        for (int i = 0; i < services; i++) {
            String s = "svc" + i;
            sb.append("  # service ").append(i).append('\n');
            sb.append("  ").append(s).append(":\n");
            if (i % 3 == 0) {
                sb.append("    build:\n      context: ./app").append(i % 10).append("\n      dockerfile: Dockerfile\n")
                        .append("      args:\n        VERSION: \"").append(i).append("\"\n");
                sb.append("    image: registry.local/").append(s).append(":latest\n");
            } else {
                sb.append("    image: \"nginx:1.27\"\n");
            }
            sb.append("    container_name: large-").append(s).append('\n');
            sb.append("    command: [\"serve\", \"--port\", \"").append(8000 + i % 1000).append("\"]\n");
            sb.append("    entrypoint: /docker-entrypoint.sh\n");
            sb.append("    restart: ").append(i % 2 == 0 ? "always" : "\"no\"").append('\n');
            sb.append("    environment:\n      MODE: prod\n      INDEX: \"").append(i).append("\"\n      HOME_DIR: ${HOME:-/root}\n");
            sb.append("    labels:\n      - com.example.team=core\n      - com.example.index=").append(i).append('\n');
            sb.append("    ports:\n      - \"127.0.0.1:").append(10000 + i).append(":80\"\n");
            sb.append("      - target: 443\n        host_ip: 127.0.0.1\n        published: \"").append(20000 + i)
                    .append("\"\n        protocol: tcp\n");
            sb.append("    volumes:\n      - ./data/").append(s).append(":/data\n      - shared:/shared:ro\n");
            sb.append("      - type: volume\n        source: cache\n        target: /cache\n");
            if (i > 0) {
                sb.append("    depends_on:\n      svc").append(i - 1).append(":\n        condition: service_started\n");
            }
            sb.append("    networks:\n      front:\n        aliases: [").append(s).append("-alias]\n      back: {}\n");
            sb.append("    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n")
                    .append("      interval: 30s\n      timeout: 5s\n      retries: 3\n");
            sb.append("    user: \"1000:1000\"\n    working_dir: /srv\n    init: true\n    read_only: false\n");
            sb.append("    extra_hosts:\n      - \"host.docker.internal:host-gateway\"\n");
            sb.append("    logging:\n      driver: json-file\n      options: {max-size: 10m}\n");
            sb.append("    deploy:\n      resources:\n        limits: {cpus: \"0.5\", memory: 256M}\n");
            sb.append("    secrets: [token]\n    x-owner: team-").append(i % 7).append("\n\n");
        }
        sb.append("networks:\n  front: {}\n  back:\n    driver: bridge\n\n");
        sb.append("volumes:\n  shared: {}\n  cache:\n    driver: local\n\n");
        sb.append("secrets:\n  token:\n    environment: TOKEN\n");
        return sb.toString();
    }

    /** Writes {@code compose.yaml} with {@code services} services into {@code dir}, with its bind sources. */
    public static Path write(Path dir, int services) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < services; i++) {
            Files.createDirectories(dir.resolve("data").resolve("svc" + i));
        }
        return Files.writeString(dir.resolve("compose.yaml"), text(services));
    }

    /** {@code LargeProject DIR [SERVICES]}: writes the project for a benchmark that runs outside this JVM. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1000);
    }
}
