#!/usr/bin/env python3
"""Generates and checks shopflow's Kubernetes manifests (called by validate.sh; Python 3 + PyYAML only).

  manifests.py write-topics            regenerate the files derived from deploy/topics.yaml
  manifests.py check-topics            topics.yaml, the services' application.yml, docker-compose.yml and the
                                       generated files agree
  manifests.py write-acls              regenerate overlays/production/kafka-users.yaml from deploy/kafka/acls.csv
  manifests.py check-acls              the Strimzi KafkaUsers say exactly what deploy/kafka/acls.csv says
  manifests.py check-sources           every YAML file under deploy/k8s parses and every file a kustomization names
                                       exists (the fallback when no kustomize renderer is installed)
  manifests.py check-render ENV FILE   structural checks of a rendered overlay (references resolve, selectors
                                       match, probes, Prometheus annotations, topics, replicas, secrets)
  manifests.py to-json FILE            the rendered documents as one JSON array (for the schema validator)
"""
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOPICS_FILE = os.path.join(ROOT, "deploy", "topics.yaml")
SERVICES = ["order-service", "payment-service", "inventory-service", "notification-service"]
ENVIRONMENTS = ["compose", "local", "production"]
K8S_ENVIRONMENTS = ["local", "production"]
DLT = ".DLT"
STRIMZI_CLUSTER = "shopflow"
GENERATED = "# Generated from deploy/topics.yaml by `python3 deploy/k8s/manifests.py write-topics`: do not edit."
ACL_FILE = os.path.join(ROOT, "deploy", "kafka", "acls.csv")
KAFKA_USERS_FILE = os.path.join(HERE, "overlays", "production", "kafka-users.yaml")
MANAGEMENT_PORT = 9080
# Strimzi's names for the operations of deploy/kafka/acls.csv.
STRIMZI_OPERATIONS = {"READ": "Read", "WRITE": "Write", "CREATE": "Create", "DESCRIBE": "Describe",
                      "ALTER": "Alter", "DELETE": "Delete"}

errors = []


def fail(message):
    errors.append(message)
    print("  FAIL  " + message)


def ok(message):
    print("  ok    " + message)


def rel(path):
    return os.path.relpath(path, ROOT)


def load_topics():
    with open(TOPICS_FILE) as f:
        spec = yaml.safe_load(f)
    topics = spec["topics"]
    for topic in topics:
        name = topic["name"]
        if not re.fullmatch(r"[a-z][a-z0-9]*", name):
            # The services read SHOPFLOW_MESSAGING_TOPICS_<NAME>_*: a name with '-', '_' or '.' does not survive
            # Spring's environment-variable binding.
            fail(f"topics.yaml: topic name {name!r} must be lower-case letters and digits")
        if not isinstance(topic.get("partitions"), int) or topic["partitions"] < 1:
            fail(f"topics.yaml: {name}: partitions must be a positive integer")
        for env in ENVIRONMENTS:
            replication = topic["replication"].get(env)
            isr = topic["min-insync-replicas"].get(env)
            brokers = spec["environments"][env]["brokers"]
            if not isinstance(replication, int) or not 1 <= replication <= brokers:
                fail(f"topics.yaml: {name}: replication for {env} must be 1..{brokers} (brokers), is {replication}")
            if not isinstance(isr, int) or not 1 <= isr <= (replication or 1):
                fail(f"topics.yaml: {name}: min-insync-replicas for {env} must be 1..replication, is {isr}")
            elif replication and replication > 1 and isr >= replication:
                fail(f"topics.yaml: {name}: min-insync-replicas {isr} = replication {replication} in {env}: "
                     "one broker down would stop every write (acks=all)")
        unknown = set(topic["used-by"]) - set(SERVICES)
        if unknown:
            fail(f"topics.yaml: {name}: unknown services in used-by: {sorted(unknown)}")
    return spec


def topic_env_name(topic, setting):
    return f"SHOPFLOW_MESSAGING_TOPICS_{topic.upper()}_{setting}"


def generated_files(spec):
    """Path -> content of every file derived from topics.yaml."""
    files = {}
    for env in K8S_ENVIRONMENTS:
        for service in SERVICES:
            lines = [GENERATED,
                     f"# Topics {service} creates at start-up (with their {DLT}), {env} settings."]
            for topic in spec["topics"]:
                if service in topic["used-by"]:
                    lines.append(f"{topic_env_name(topic['name'], 'PARTITIONS')}={topic['partitions']}")
                    lines.append(f"{topic_env_name(topic['name'], 'REPLICAS')}={topic['replication'][env]}")
            files[os.path.join(HERE, "overlays", env, "topics", service + ".env")] = "\n".join(lines) + "\n"
    docs = []
    for topic in spec["topics"]:
        for suffix in ("", DLT):
            name = topic["name"] + suffix
            docs.append({
                "apiVersion": "kafka.strimzi.io/v1beta2",
                "kind": "KafkaTopic",
                "metadata": {
                    "name": name.lower().replace(".", "-"),
                    "labels": {"strimzi.io/cluster": STRIMZI_CLUSTER},
                },
                "spec": {
                    "topicName": name,
                    "partitions": topic["partitions"],
                    "replicas": topic["replication"]["production"],
                    "config": {"min.insync.replicas": topic["min-insync-replicas"]["production"]},
                },
            })
    header = (GENERATED + "\n# Managed by the Strimzi topic operator of the Kafka cluster `" + STRIMZI_CLUSTER
              + "`; the services find them existing and leave them as they are.\n")
    files[os.path.join(HERE, "overlays", "production", "kafka-topics.yaml")] = header + yaml.safe_dump_all(
        docs, sort_keys=False, explicit_start=True)
    return files


def write_topics():
    spec = load_topics()
    if errors:
        return
    for path, content in generated_files(spec).items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
        print("  wrote " + rel(path))


def service_topics(service):
    with open(os.path.join(ROOT, service, "src", "main", "resources", "application.yml")) as f:
        config = yaml.safe_load(f)
    topics = ((config.get("shopflow") or {}).get("messaging") or {}).get("topics") or {}
    # Defaults of MessagingProperties.Topic: 6 partitions, 1 replica.
    return {name: (t or {}).get("partitions", 6) for name, t in topics.items()}, \
           {name: (t or {}).get("replicas", 1) for name, t in topics.items()}


def check_topics():
    spec = load_topics()
    by_name = {t["name"]: t for t in spec["topics"]}

    for service in SERVICES:
        partitions, replicas = service_topics(service)
        declared = {t["name"] for t in spec["topics"] if service in t["used-by"]}
        if set(partitions) != declared:
            fail(f"{service}/application.yml configures topics {sorted(partitions)}, topics.yaml says "
                 f"used-by {sorted(declared)}")
        for name in partitions:
            if name not in by_name:
                continue
            if partitions[name] != by_name[name]["partitions"]:
                fail(f"{service}/application.yml: {name} has {partitions[name]} partitions, topics.yaml "
                     f"{by_name[name]['partitions']}")
            if replicas[name] != by_name[name]["replication"]["compose"]:
                fail(f"{service}/application.yml: {name} has {replicas[name]} replicas, topics.yaml (compose) "
                     f"{by_name[name]['replication']['compose']}")
    if not errors:
        ok("the services' application.yml topics (partitions, replicas) match topics.yaml")

    before = len(errors)
    with open(os.path.join(ROOT, "docker-compose.yml")) as f:
        compose = yaml.safe_load(f)
    setting = re.compile(r"SHOPFLOW_MESSAGING_TOPICS_([A-Z0-9]+)_(PARTITIONS|REPLICAS)")
    for service in SERVICES:
        environment = (compose["services"].get(service) or {}).get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) for item in environment)
        for key, value in environment.items():
            match = setting.fullmatch(key)
            if not match:
                continue
            topic = by_name.get(match.group(1).lower())
            expected = topic and (topic["partitions"] if match.group(2) == "PARTITIONS"
                                  else topic["replication"]["compose"])
            if str(value) != str(expected):
                fail(f"docker-compose.yml: {service} sets {key}={value}, topics.yaml says {expected}")
    kafka = compose["services"]["kafka"]["environment"]
    brokers = spec["environments"]["compose"]["brokers"]
    if "KAFKA_NODE_ID" in kafka and brokers != 1:
        fail("docker-compose.yml runs one Kafka node; topics.yaml environments.compose.brokers must be 1")
    if len(errors) == before:
        ok("docker-compose.yml: one broker, no topic setting that disagrees with topics.yaml")

    before = len(errors)
    for path, content in generated_files(spec).items():
        if not os.path.exists(path):
            fail(f"{rel(path)} is missing (python3 deploy/k8s/manifests.py write-topics)")
            continue
        with open(path) as f:
            if f.read() != content:
                fail(f"{rel(path)} is out of date with deploy/topics.yaml (python3 deploy/k8s/manifests.py "
                     "write-topics)")
    if len(errors) == before:
        ok("generated topic files (overlays/*/topics/*.env, production kafka-topics.yaml) are up to date")


def kustomization_files():
    for directory, _, files in os.walk(HERE):
        for name in files:
            if name == "kustomization.yaml":
                yield directory, os.path.join(directory, name)


def check_sources():
    count = 0
    for directory, _, files in os.walk(HERE):
        for name in files:
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(directory, name)
                try:
                    with open(path) as f:
                        for doc in yaml.safe_load_all(f):
                            if doc is not None and not isinstance(doc, dict):
                                fail(f"{rel(path)}: a document is not a mapping")
                            count += 1
                except yaml.YAMLError as e:
                    fail(f"{rel(path)}: {e}")
    ok(f"{count} YAML documents under deploy/k8s parse")
    before = len(errors)
    for directory, path in kustomization_files():
        with open(path) as f:
            k = yaml.safe_load(f)
        named = list(k.get("resources", [])) + list(k.get("components", []))
        named += [p["path"] for p in k.get("patches", []) if "path" in p]
        for generator in k.get("configMapGenerator", []) + k.get("secretGenerator", []):
            named += generator.get("envs", []) + [f.split("=", 1)[-1] for f in generator.get("files", [])]
        for item in named:
            if not os.path.exists(os.path.join(directory, item)):
                fail(f"{rel(path)} names {item}, which does not exist")
    if len(errors) == before:
        ok("every file a kustomization.yaml names exists")


def load_render(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]


def pod_spec(doc):
    if doc["kind"] in ("Deployment", "StatefulSet"):
        return doc["spec"]["template"]["spec"]
    return None


def check_render(env, path):
    docs = load_render(path)
    prefix = f"[{env}] "
    before = len(errors)

    seen = set()
    for d in docs:
        for field in ("apiVersion", "kind"):
            if not d.get(field):
                fail(prefix + f"a document has no {field}: {str(d)[:80]}")
        name = (d.get("metadata") or {}).get("name")
        if not name:
            fail(prefix + f"{d.get('kind')} without metadata.name")
        key = (d.get("kind"), (d.get("metadata") or {}).get("namespace"), name)
        if key in seen:
            fail(prefix + f"duplicate {key}")
        seen.add(key)
    namespaces = {(d.get("metadata") or {}).get("namespace") for d in docs if d["kind"] != "Namespace"}
    if namespaces != {"shopflow"}:
        fail(prefix + f"every namespaced resource belongs in namespace shopflow, found {sorted(map(str, namespaces))}")

    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    config_maps = by_kind.get("ConfigMap", {})
    secrets = by_kind.get("Secret", {})
    workloads = {**by_kind.get("Deployment", {}), **by_kind.get("StatefulSet", {})}

    # Secrets: local generates its development defaults; production must reference secrets made outside git.
    external = set()
    for name, w in workloads.items():
        spec = pod_spec(w)
        for c in spec.get("containers", []) + spec.get("initContainers", []):
            for source in c.get("envFrom", []):
                if "configMapRef" in source and source["configMapRef"]["name"] not in config_maps:
                    fail(prefix + f"{name}: envFrom ConfigMap {source['configMapRef']['name']} is not in the render")
                if "secretRef" in source and source["secretRef"]["name"] not in secrets:
                    external.add(source["secretRef"]["name"])
            defined = set()
            for source in c.get("envFrom", []):
                if "configMapRef" in source and source["configMapRef"]["name"] in config_maps:
                    defined |= set((config_maps[source["configMapRef"]["name"]].get("data") or {}).keys())
            for e in c.get("env", []):
                for ref in re.findall(r"\$\(([A-Za-z0-9_]+)\)", str(e.get("value", ""))):
                    if ref not in defined:
                        fail(prefix + f"{name}: {e['name']} uses $({ref}), which no earlier variable defines")
                defined.add(e["name"])
                value_from = e.get("valueFrom") or {}
                if "configMapKeyRef" in value_from:
                    ref = value_from["configMapKeyRef"]
                    if ref["key"] not in (config_maps.get(ref["name"], {}).get("data") or {}):
                        fail(prefix + f"{name}: {e['name']} refers to missing ConfigMap key {ref['name']}/{ref['key']}")
                if "secretKeyRef" in value_from:
                    ref = value_from["secretKeyRef"]
                    if ref["name"] in secrets:
                        data = {**(secrets[ref["name"]].get("data") or {}),
                                **(secrets[ref["name"]].get("stringData") or {})}
                        if ref["key"] not in data:
                            fail(prefix + f"{name}: {e['name']} refers to missing Secret key {ref['name']}/{ref['key']}")
                    elif not ref.get("optional"):
                        external.add(ref["name"])
            for probe in ("livenessProbe", "readinessProbe"):
                if probe not in c:
                    fail(prefix + f"{name}/{c['name']}: no {probe}")
            ports = {p.get("name") for p in c.get("ports", [])} | {p["containerPort"] for p in c.get("ports", [])}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                port = ((c.get(probe) or {}).get("httpGet") or {}).get("port")
                if port is not None and port not in ports:
                    fail(prefix + f"{name}/{c['name']}: {probe} port {port} is not a container port")
            image = c.get("image", "")
            if ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
                fail(prefix + f"{name}/{c['name']}: image {image!r} needs a fixed tag")
            if "resources" not in c or "requests" not in c["resources"] or "memory" not in c["resources"].get(
                    "limits", {}):
                fail(prefix + f"{name}/{c['name']}: resource requests and a memory limit are required")

    if env == "production":
        if secrets:
            fail(prefix + f"secrets must not be committed, the render contains {sorted(secrets)}")
        # Database logins made outside git, and the Kafka users' Secrets that Strimzi's User Operator creates.
        expected = {f"{s}-db" for s in SERVICES} | {"registry-db"} | set(SERVICES)
        if external != expected:
            fail(prefix + f"secrets referenced by name should be {sorted(expected)}, are {sorted(external)}")
        else:
            ok(prefix + "no Secret in the render; references secrets created outside git: " + ", ".join(sorted(external)))
    elif external:
        fail(prefix + f"references secrets the overlay does not generate: {sorted(external)}")

    # Services, PDBs and HPAs point at something real.
    for name, s in by_kind.get("Service", {}).items():
        selector = s["spec"].get("selector") or {}
        matched = [w for w in workloads.values()
                   if selector.items() <= (w["spec"]["template"]["metadata"].get("labels") or {}).items()]
        if not matched:
            fail(prefix + f"Service {name} selects no pod template")
        for port in s["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            if matched and not any(target in ({p.get("name") for p in c.get("ports", [])}
                                              | {p["containerPort"] for p in c.get("ports", [])})
                                   for w in matched for c in pod_spec(w)["containers"]):
                fail(prefix + f"Service {name}: targetPort {target} is not a port of the selected pods")
    for name, p in by_kind.get("PodDisruptionBudget", {}).items():
        selector = p["spec"]["selector"]["matchLabels"]
        if not any(selector.items() <= (w["spec"]["template"]["metadata"].get("labels") or {}).items()
                   for w in workloads.values()):
            fail(prefix + f"PodDisruptionBudget {name} selects no pod template")
    hpas = by_kind.get("HorizontalPodAutoscaler", {})
    for name, h in hpas.items():
        target = h["spec"]["scaleTargetRef"]
        if target["name"] not in by_kind.get(target["kind"], {}):
            fail(prefix + f"HPA {name} scales {target['kind']}/{target['name']}, which is not in the render")
        if not any(m.get("resource", {}).get("name") == "cpu" for m in h["spec"].get("metrics", [])):
            fail(prefix + f"HPA {name} does not scale on CPU")

    # The four services: probes on the actuator groups, scrape annotations, PDB, replicas.
    spec = load_topics()
    for service in SERVICES:
        w = by_kind.get("Deployment", {}).get(service)
        if not w:
            fail(prefix + f"no Deployment {service}")
            continue
        c = next(c for c in pod_spec(w)["containers"] if c["name"] == "app")
        if c["livenessProbe"]["httpGet"]["path"] != "/actuator/health/liveness" or \
                c["readinessProbe"]["httpGet"]["path"] != "/actuator/health/readiness":
            fail(prefix + f"{service}: probes must use /actuator/health/liveness and /readiness")
        annotations = w["spec"]["template"]["metadata"].get("annotations") or {}
        port = c["ports"][0]["containerPort"]
        management = {p.get("name"): p["containerPort"] for p in c["ports"]}.get("management")
        if management != MANAGEMENT_PORT:
            fail(prefix + f"{service}: needs container port 'management' {MANAGEMENT_PORT} for the actuator")
        if any(c[probe]["httpGet"]["port"] not in ("management", MANAGEMENT_PORT)
               for probe in ("livenessProbe", "readinessProbe")):
            fail(prefix + f"{service}: probes must use the management port")
        if annotations.get("prometheus.io/scrape") != "true" \
                or annotations.get("prometheus.io/port") != str(MANAGEMENT_PORT) \
                or annotations.get("prometheus.io/path") != "/actuator/prometheus":
            fail(prefix + f"{service}: Prometheus annotations must name port {MANAGEMENT_PORT} and /actuator/prometheus")
        env_values = {}
        for source in c.get("envFrom", []):
            env_values.update(config_maps.get((source.get("configMapRef") or {}).get("name"), {}).get("data") or {})
        env_values.update({e["name"]: e.get("value") for e in c.get("env", []) if "value" in e})
        if env_values.get("SERVER_PORT") != str(port):
            fail(prefix + f"{service}: SERVER_PORT {env_values.get('SERVER_PORT')} is not the container port {port}")
        if env_values.get("MANAGEMENT_SERVER_PORT") != str(MANAGEMENT_PORT):
            fail(prefix + f"{service}: MANAGEMENT_SERVER_PORT must be {MANAGEMENT_PORT}")
        if any(p.get("targetPort") in ("management", MANAGEMENT_PORT)
               for svc in by_kind.get("Service", {}).values() if svc["metadata"]["name"] == service
               for p in svc["spec"]["ports"]):
            fail(prefix + f"{service}: the Service must not expose the management port")
        if env == "production":
            jaas = next((e for e in c.get("env", []) if e["name"] == "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"), {})
            ref = (jaas.get("valueFrom") or {}).get("secretKeyRef") or {}
            if (ref.get("name"), ref.get("key")) != (service, "sasl.jaas.config") \
                    or env_values.get("SPRING_KAFKA_SECURITY_PROTOCOL") != "SASL_PLAINTEXT" \
                    or env_values.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM") != "SCRAM-SHA-512":
                fail(prefix + f"{service}: Kafka must be SASL_PLAINTEXT/SCRAM-SHA-512 with the JAAS line of "
                     f"Secret {service} (sasl.jaas.config)")
        for topic in spec["topics"]:
            if service not in topic["used-by"]:
                continue
            want = {"PARTITIONS": str(topic["partitions"]), "REPLICAS": str(topic["replication"][env])}
            for setting, value in want.items():
                got = env_values.get(topic_env_name(topic["name"], setting))
                if got != value:
                    fail(prefix + f"{service}: {topic_env_name(topic['name'], setting)}={got}, topics.yaml {value}")
        if not any(p["spec"]["selector"]["matchLabels"].get("app.kubernetes.io/name") == service
                   for p in by_kind.get("PodDisruptionBudget", {}).values()):
            fail(prefix + f"{service}: no PodDisruptionBudget")
        replicas = w["spec"].get("replicas", 1)
        if env == "production":
            hpa = hpas.get(service)
            if not hpa or hpa["spec"]["minReplicas"] < 2 or replicas < 2:
                fail(prefix + f"{service}: production needs 2+ replicas and an HPA with minReplicas 2+")
            elif hpa["spec"]["maxReplicas"] > max(t["partitions"] for t in spec["topics"]):
                fail(prefix + f"{service}: HPA maxReplicas exceeds the partitions of every topic")

    if env == "production":
        check_strimzi(prefix, by_kind, spec)
    if env == "local":
        for needed in ("kafka", "postgres", "registry", "mailpit"):
            if needed not in by_kind.get("Service", {}):
                fail(prefix + f"no Service {needed}")
    if len(errors) == before:
        ok(prefix + f"{len(docs)} resources: unique names, references resolve, selectors match, probes, "
           "Prometheus annotations, topic settings" + (", Strimzi topics" if env == "production" else ""))


def check_strimzi(prefix, by_kind, spec):
    kafka = by_kind.get("Kafka", {}).get(STRIMZI_CLUSTER)
    if not kafka:
        fail(prefix + f"no Strimzi Kafka {STRIMZI_CLUSTER}")
        return
    config = kafka["spec"]["kafka"].get("config") or {}
    brokers = sum(p["spec"]["replicas"] for p in by_kind.get("KafkaNodePool", {}).values()
                  if p["metadata"].get("labels", {}).get("strimzi.io/cluster") == STRIMZI_CLUSTER
                  and "broker" in p["spec"]["roles"])
    if brokers < spec["environments"]["production"]["brokers"]:
        fail(prefix + f"node pools run {brokers} brokers, topics.yaml needs {spec['environments']['production']['brokers']}")
    for listener in kafka["spec"]["kafka"]["listeners"]:
        if (listener.get("authentication") or {}).get("type") != "scram-sha-512":
            fail(prefix + f"Kafka listener {listener['name']} must authenticate with scram-sha-512")
    authorization = kafka["spec"]["kafka"].get("authorization") or {}
    if authorization.get("type") != "simple" or authorization.get("superUsers") != ["admin"]:
        fail(prefix + "Kafka needs authorization type simple (StandardAuthorizer) with superUsers [admin]")
    users = by_kind.get("KafkaUser", {})
    if sorted(users) != sorted(set(SERVICES) | {"admin"}):
        fail(prefix + f"KafkaUsers should be the four services and admin, are {sorted(users)}")
    if config.get("min.insync.replicas") != 2 or config.get("default.replication.factor") != 3:
        fail(prefix + "Kafka config needs default.replication.factor 3 and min.insync.replicas 2")
    topics = {t["spec"]["topicName"]: t for t in by_kind.get("KafkaTopic", {}).values()}
    for topic in spec["topics"]:
        for name in (topic["name"], topic["name"] + DLT):
            t = topics.pop(name, None)
            if not t:
                fail(prefix + f"no KafkaTopic for {name}")
                continue
            if t["metadata"].get("labels", {}).get("strimzi.io/cluster") != STRIMZI_CLUSTER:
                fail(prefix + f"KafkaTopic {name} is not labelled for cluster {STRIMZI_CLUSTER}")
            if (t["spec"]["partitions"], t["spec"]["replicas"],
                    int(t["spec"].get("config", {}).get("min.insync.replicas", 0))) != (
                    topic["partitions"], topic["replication"]["production"],
                    topic["min-insync-replicas"]["production"]):
                fail(prefix + f"KafkaTopic {name} disagrees with topics.yaml")
    if topics:
        fail(prefix + f"KafkaTopics not in topics.yaml: {sorted(topics)}")
    bootstrap = by_kind["ConfigMap"]
    servers = {v["data"].get("SPRING_KAFKA_BOOTSTRAP_SERVERS") for v in bootstrap.values()
               if "SPRING_KAFKA_BOOTSTRAP_SERVERS" in (v.get("data") or {})}
    if servers != {f"{STRIMZI_CLUSTER}-kafka-bootstrap:9092"}:
        fail(prefix + f"services must use the Strimzi bootstrap service, use {sorted(map(str, servers))}")


def load_acls():
    """deploy/kafka/acls.csv as (principal, resource type, name, operation) rows, the way every reader reads it."""
    rows = []
    with open(ACL_FILE) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            principal, kind, name, operation = [cell.strip() for cell in line.split(",")]
            if kind not in ("TOPIC", "GROUP") or operation not in STRIMZI_OPERATIONS:
                fail(f"acls.csv: unsupported row {line!r}")
                continue
            rows.append((principal, kind, name, operation))
    return rows


def kafka_users_text():
    rows = load_acls()
    principals = sorted({r[0] for r in rows})
    docs = []
    for principal in principals:
        resources = {}
        for p, kind, name, operation in rows:
            if p == principal:
                resources.setdefault((kind, name), []).append(STRIMZI_OPERATIONS[operation])
        acls = [{"resource": {"type": kind.lower(), "name": name, "patternType": "literal"},
                 "operations": sorted(operations), "host": "*"}
                for (kind, name), operations in sorted(resources.items())]
        docs.append({"apiVersion": "kafka.strimzi.io/v1beta2", "kind": "KafkaUser",
                     "metadata": {"name": principal, "labels": {"strimzi.io/cluster": STRIMZI_CLUSTER}},
                     "spec": {"authentication": {"type": "scram-sha-512"},
                              "authorization": {"type": "simple", "acls": acls}}})
    # The super user for tools (console consumer, kafka-acls); Strimzi keeps its password in Secret `admin`.
    docs.append({"apiVersion": "kafka.strimzi.io/v1beta2", "kind": "KafkaUser",
                 "metadata": {"name": "admin", "labels": {"strimzi.io/cluster": STRIMZI_CLUSTER}},
                 "spec": {"authentication": {"type": "scram-sha-512"}}})
    header = ("# Generated from deploy/kafka/acls.csv by `python3 deploy/k8s/manifests.py write-acls`: do not edit.\n"
              "# One SCRAM-SHA-512 user per service with exactly the ACLs of the table; Strimzi's User Operator creates\n"
              "# each user's password in a Secret of the same name (keys password, sasl.jaas.config), which the\n"
              "# service reads (kafka-credentials.yaml). `admin` is the Kafka super user (spec.kafka.authorization).\n")
    return header + "---\n".join(yaml.safe_dump(d, sort_keys=False) for d in docs)


def write_acls():
    with open(KAFKA_USERS_FILE, "w") as f:
        f.write(kafka_users_text())
    ok("wrote " + rel(KAFKA_USERS_FILE))


def check_acls():
    want = kafka_users_text()
    try:
        with open(KAFKA_USERS_FILE) as f:
            have = f.read()
    except FileNotFoundError:
        have = None
    if have != want:
        fail(rel(KAFKA_USERS_FILE) + " is not what deploy/kafka/acls.csv gives (run validate.sh --write)")
    else:
        ok(f"{rel(KAFKA_USERS_FILE)} matches deploy/kafka/acls.csv ({len(load_acls())} ACLs)")


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    command = sys.argv[1]
    if command == "write-topics":
        write_topics()
    elif command == "check-topics":
        check_topics()
    elif command == "write-acls":
        write_acls()
    elif command == "check-acls":
        check_acls()
    elif command == "check-sources":
        check_sources()
    elif command == "check-render":
        check_render(sys.argv[2], sys.argv[3])
    elif command == "to-json":
        json.dump(load_render(sys.argv[2]), sys.stdout)
    else:
        print(__doc__)
        sys.exit(2)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
