package dev.berth.compose.rules.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.KeyDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The key table holds exactly the keys of the official schema at every level, each described in one line. */
class KeyTableCompletenessTest {

    private static final String NAME = ComposeKeys.NAME_PATTERN;

    /** Where each scope's keys sit in the schema, as steps from its root. */
    private static Map<Scope, List<String>> places() {
        Map<Scope, List<String>> at = new EnumMap<>(Scope.class);
        String service = "definitions/service/properties/";
        at.put(Scope.TOP_LEVEL, List.of(""));
        at.put(Scope.SERVICE, List.of("definitions/service"));
        at.put(Scope.BUILD, List.of(service + "build/oneOf/1"));
        at.put(Scope.HEALTHCHECK, List.of("definitions/healthcheck"));
        at.put(Scope.DEPENDS_ON, List.of(service + "depends_on/oneOf/1/patternProperties/" + NAME));
        at.put(Scope.SERVICE_NETWORK, List.of(service + "networks/oneOf/1/patternProperties/" + NAME + "/oneOf/0"));
        at.put(Scope.PORT, List.of(service + "ports/items/oneOf/2"));
        at.put(Scope.SERVICE_VOLUME, List.of(service + "volumes/items/oneOf/1"));
        at.put(Scope.BIND_OPTIONS, List.of(service + "volumes/items/oneOf/1/properties/bind"));
        at.put(Scope.VOLUME_OPTIONS, List.of(service + "volumes/items/oneOf/1/properties/volume"));
        at.put(Scope.TMPFS_OPTIONS, List.of(service + "volumes/items/oneOf/1/properties/tmpfs"));
        at.put(Scope.IMAGE_OPTIONS, List.of(service + "volumes/items/oneOf/1/properties/image"));
        at.put(Scope.NETWORK, List.of("definitions/network"));
        at.put(Scope.IPAM, List.of("definitions/network/properties/ipam"));
        at.put(Scope.IPAM_POOL, List.of("definitions/network/properties/ipam/properties/config/items"));
        at.put(Scope.EXTERNAL, List.of("definitions/network/properties/external", "definitions/volume/properties/external",
                "definitions/secret/properties/external", "definitions/config/properties/external"));
        at.put(Scope.VOLUME, List.of("definitions/volume"));
        at.put(Scope.SECRET, List.of("definitions/secret"));
        at.put(Scope.CONFIG, List.of("definitions/config"));
        at.put(Scope.MODEL, List.of("definitions/model"));
        at.put(Scope.INCLUDE, List.of("definitions/include/oneOf/1"));
        at.put(Scope.DEPLOY, List.of("definitions/deployment"));
        at.put(Scope.UPDATE_CONFIG, List.of("definitions/deployment/properties/update_config",
                "definitions/deployment/properties/rollback_config"));
        at.put(Scope.RESOURCES, List.of("definitions/deployment/properties/resources"));
        at.put(Scope.RESOURCE_LIMITS, List.of("definitions/deployment/properties/resources/properties/limits"));
        at.put(Scope.RESOURCE_RESERVATIONS, List.of("definitions/deployment/properties/resources/properties/reservations"));
        at.put(Scope.DEVICE_REQUEST, List.of("definitions/devices/items"));
        at.put(Scope.GENERIC_RESOURCE, List.of("definitions/generic_resources/items"));
        at.put(Scope.DISCRETE_RESOURCE, List.of("definitions/generic_resources/items/properties/discrete_resource_spec"));
        at.put(Scope.RESTART_POLICY, List.of("definitions/deployment/properties/restart_policy"));
        at.put(Scope.PLACEMENT, List.of("definitions/deployment/properties/placement"));
        at.put(Scope.PLACEMENT_PREFERENCE, List.of("definitions/deployment/properties/placement/properties/preferences/items"));
        at.put(Scope.DEVELOP, List.of("definitions/development"));
        at.put(Scope.WATCH, List.of("definitions/development/properties/watch/items"));
        at.put(Scope.SERVICE_HOOK, List.of("definitions/service_hook"));
        at.put(Scope.LOGGING, List.of(service + "logging"));
        at.put(Scope.BLKIO_CONFIG, List.of(service + "blkio_config"));
        at.put(Scope.BLKIO_LIMIT, List.of("definitions/blkio_limit"));
        at.put(Scope.BLKIO_WEIGHT, List.of("definitions/blkio_weight"));
        at.put(Scope.CREDENTIAL_SPEC, List.of(service + "credential_spec"));
        at.put(Scope.EXTENDS, List.of(service + "extends/oneOf/1"));
        at.put(Scope.PROVIDER, List.of(service + "provider"));
        at.put(Scope.DEVICE, List.of(service + "devices/items/oneOf/1"));
        at.put(Scope.GPU, List.of("definitions/gpus/oneOf/1/items"));
        at.put(Scope.SERVICE_MODEL, List.of(service + "models/oneOf/1/patternProperties/" + NAME));
        at.put(Scope.SERVICE_FILE, List.of("definitions/service_config_or_secret/items/oneOf/1"));
        at.put(Scope.ENV_FILE, List.of("definitions/env_file/oneOf/1/items/oneOf/1"));
        at.put(Scope.ULIMIT, List.of("definitions/ulimits/patternProperties/^[a-z]+$/oneOf/1"));
        return at;
    }

    private static JsonNode schema() throws IOException {
        Path shared = SchemaOracle.sharedFolder().orElse(null);
        Assumptions.assumeTrue(shared != null, "the official schema is not present (../shared or /work/shared); skipped");
        return new ObjectMapper().readTree(Files.readString(shared.resolve("oracle/compose-spec.json")));
    }

    private static JsonNode step(JsonNode node, String path) {
        JsonNode at = node;
        // pattern keys such as ^[a-z]+$ contain no '/', so a plain split is enough
        for (String step : path.isEmpty() ? new String[0] : path.split("/(?![^\\[]*\\])")) {
            at = at.isArray() ? at.path(Integer.parseInt(step)) : at.path(step);
        }
        return at;
    }

    @Test
    void everyScopeHoldsExactlyTheSchemasKeys() throws IOException {
        JsonNode schema = schema();
        Map<Scope, List<String>> places = places();
        assertThat(places.keySet()).as("every scope is mapped to the schema").containsExactlyInAnyOrder(Scope.values());
        List<String> differences = new ArrayList<>();
        places.forEach((scope, paths) -> {
            for (String path : paths) {
                JsonNode properties = step(schema, path).path("properties");
                assertThat(properties.isObject()).as("schema has properties at " + path).isTrue();
                Set<String> expected = new HashSet<>(properties.propertyNames());
                Set<String> table = ComposeKeys.keys(scope).keySet();
                if (!expected.equals(table)) {
                    differences.add(scope + " (" + path + "): schema " + expected + ", table " + table);
                }
            }
        });
        assertThat(differences).isEmpty();
    }

    @Test
    void everyKeyIsDescribedInOneLineInBerthsOwnWords() throws IOException {
        JsonNode schema = schema();
        Set<String> schemaDescriptions = new HashSet<>();
        collectDescriptions(schema, schemaDescriptions);
        for (Scope scope : Scope.values()) {
            for (KeyDoc doc : ComposeKeys.keys(scope).values()) {
                assertThat(doc.description()).as(scope + "." + doc.name()).isNotBlank().doesNotContain("\n");
                assertThat(schemaDescriptions).as(scope + "." + doc.name() + " is not copied from the schema")
                        .doesNotContain(doc.description().strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private static void collectDescriptions(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            JsonNode description = node.path("description");
            if (description.isString()) {
                into.add(description.asString().strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        node.values().forEach(child -> collectDescriptions(child, into));
    }
}
